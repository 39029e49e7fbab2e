import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createTestRedisPrefix, type TestRedisPrefix } from '@aigw/testkit/redis';
import { TEST_REDIS_URL } from '@aigw/testkit/test-env';
import type { Admission } from '../../src/limits/admission.js';
import { LimiterService } from '../../src/limits/limiter.service.js';
import type { RequestCounts } from '../../src/limits/limit-specs.js';
import { MetricsService } from '../../src/metrics/metrics.service.js';
import { inlineUnit } from '../../src/snapshot/governance.js';
import { RedisStore } from '../../src/store/redis-store.js';

// The limiter in front of real Redis: far from a token limit, a replica admits from leased shares
// and reserves by the body's size; the tokenizer runs only for admissions the store decides.
describe('leased admissions of a token limit', () => {
  let prefix: TestRedisPrefix;
  let store: RedisStore;
  let limiter: LimiterService;
  let metrics: MetricsService;

  beforeAll(async () => {
    prefix = createTestRedisPrefix();
    store = new RedisStore(TEST_REDIS_URL, prefix.prefix);
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
});
