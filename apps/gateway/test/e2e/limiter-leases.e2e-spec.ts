import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createTestRedisPrefix, type TestRedisPrefix } from '@aigw/testkit/redis';
import { TEST_REDIS_URL } from '@aigw/testkit/test-env';
import type { Admission } from '../../src/limits/admission.js';
import { LimiterService } from '../../src/limits/limiter.service.js';
import type { RequestCounts } from '../../src/limits/limit-specs.js';
import { MetricsService } from '../../src/metrics/metrics.service.js';
import { inlineUnit } from '../../src/snapshot/governance.js';
import type { AdmitResult, AdmitSpec } from '../../src/store/limit-ops.js';
import { RedisStore } from '../../src/store/redis-store.js';

/** The real store behind a slower network: its admissions answer `delayMs` later. */
class SlowRedisStore extends RedisStore {
  delayMs = 0;

  override admit(specs: readonly AdmitSpec[]): Promise<AdmitResult[]> {
    const delay = this.delayMs;
    return delay ? sleep(delay).then(() => super.admit(specs)) : super.admit(specs);
  }
}

/** Until the wall clock is `from` to `to` ms into a 100 ms bucket (the requests-per-second window's, where a share of it ends). */
async function untilMsIntoBucket(from: number, to: number): Promise<void> {
  while (Date.now() % 100 < from || Date.now() % 100 >= to) await sleep(1);
}

// The limiter in front of real Redis: far from its limits, a replica admits from leased shares (a
// token limit reserved by the body's size; the tokenizer runs only for admissions the store
// decides), and a share that arrives too late is replaced rather than sending requests to the store.
describe('leased admissions', () => {
  let prefix: TestRedisPrefix;
  let store: SlowRedisStore;
  let limiter: LimiterService;
  let metrics: MetricsService;

  beforeAll(async () => {
    prefix = createTestRedisPrefix();
    store = new SlowRedisStore(TEST_REDIS_URL, prefix.prefix);
    await store.connect();
    metrics = new MetricsService();
    limiter = new LimiterService(store, metrics, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await limiter?.onModuleDestroy();
    await store?.close();
    await prefix?.clear();
  });

  const admitted = async (path: 'store' | 'lease') => (await metrics.registry.getSingleMetric('aigw_limiter_admissions_total')!.get()).values.find((v) => v.labels.path === path)?.value ?? 0;

  it('never counts the prompt\'s tokens for a request a share admits', async () => {
    const unit = inlineUnit('lease-test', 'key "lease-test"', { input_tokens_per_minute: 1_000_000 });
    // requests whose prompt was tokenized (once each, as the relay does)
    const tokenized = new Set<number>();
    const counts = (i: number): RequestCounts => ({
      requestId: `r${i}`,
      keyId: 'k',
      clientIp: () => '127.0.0.1',
      inputTokens: () => {
        tokenized.add(i);
        return 400;
      },
      bodyBytes: 1_500,
      now: Date.now(),
      leaseMs: 30_000,
    });
    const done: Admission[] = [];
    // requests keep coming until shares are granted (asked after a few store admissions, in the background)
    for (let i = 0; i < 200 && (await admitted('lease')) < 50; i++) {
      done.push(await limiter.admit([unit], counts(i)));
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 5));
    }
    const byStore = await admitted('store');
    expect(await admitted('lease')).toBeGreaterThanOrEqual(50);
    expect(tokenized.size).toBe(byStore);
    for (const a of done) a.settle({ input: 7, output: 0 });
  });

  it('replaces a share granted after its bucket ended, and requests waiting for it take from the next one', async () => {
    const unit = inlineUnit('late-share', 'key "late-share"', { requests_per_second: 1_000_000 });
    let n = 0;
    const counts = (): RequestCounts => ({ requestId: `late${++n}`, keyId: 'k', clientIp: () => '127.0.0.1', inputTokens: () => 1, bodyBytes: 100, now: Date.now(), leaseMs: 30_000 });
    const admit = () => limiter.admit([unit], counts());
    // A few store admissions make the rule busy: a share of 8 requests is asked for and granted,
    // usable until its 100 ms bucket ends.
    await untilMsIntoBucket(5, 15);
    for (let i = 0; i < 4; i++) await admit();
    await sleep(10);
    // With the store 40 ms away, taking most of the share late in its bucket asks for the next one,
    // which is granted after that bucket has ended.
    await untilMsIntoBucket(70, 80);
    store.delayMs = 40;
    const byStore = await admitted('store');
    const leasing = await admitted('lease');
    const admissions: Array<Admission | Promise<Admission>> = [];
    for (let i = 0; i < 6; i++) admissions.push(admit());
    expect(await admitted('lease')).toBe(leasing + 6);
    // the rest of the share, then requests that find it used up and wait for the next one
    for (let i = 0; i < 6; i++) admissions.push(admit());
    const all = await Promise.all(admissions);
    store.delayMs = 0;
    expect(await admitted('store')).toBe(byStore);
    expect(await admitted('lease')).toBe(leasing + 12);
    for (const a of all) a.settle({ input: 1, output: 0 });
  });
});
