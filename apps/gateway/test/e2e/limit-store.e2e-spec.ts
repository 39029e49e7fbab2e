import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedisPrefix, type TestRedisPrefix } from '@aigw/testkit/redis';
import { TEST_REDIS_URL } from '@aigw/testkit/test-env';
import type { KeyValueStore } from '../../src/store/key-value-store.js';
import type { AdmitSpec, WindowSpec } from '../../src/store/limit-ops.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';

// The limiter's atomic operations, the same scenarios against real Redis (Lua) and the in-process
// store: one instance without Redis must behave exactly like a replica set with it.
const rps = (amount = 1): WindowSpec => ({ name: 'rps', limit: 5, bucketMs: 100, buckets: 11, amount });
const spec = (rule: string, now: number, extra: Partial<AdmitSpec> = {}): AdmitSpec => ({ rule, now, windows: [], quotas: [], concurrency: null, ...extra });

describe.each(['redis', 'memory'] as const)('limit counters (%s store)', (kind) => {
  let store: KeyValueStore;
  let prefix: TestRedisPrefix;
  const rule = (name: string) => `${kind}-${name}-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    prefix = createTestRedisPrefix();
    if (kind === 'redis') {
      const redis = new RedisStore(TEST_REDIS_URL, prefix.prefix);
      await redis.connect();
      store = redis;
    } else {
      store = new MemoryStore();
    }
  });
  afterAll(async () => {
    await store.close();
    await prefix.clear();
  });

  it('admits up to the limit within a sliding second, refuses with the time until room, then admits again', async () => {
    const r = rule('rps');
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await store.admit([spec(r, 10_000 + i * 10, { windows: [rps()] })]))[0]!);
    expect(results.map((x) => x.ok)).toEqual([true, true, true, true, true, false]);
    expect(results[5]!.refused).toMatchObject({ name: 'rps', limit: 5, remaining: 0 });
    // the first request's bucket (100 ms wide) slides out of the 11-bucket ring after 1.1 s
    expect(results[5]!.refused!.resetMs).toBe(1100 - 50);
    expect((await store.admit([spec(r, 10_990, { windows: [rps()] })]))[0]!.ok).toBe(false);
    expect((await store.admit([spec(r, 11_100, { windows: [rps()] })]))[0]!.ok).toBe(true);
    expect(results[4]!.counters).toEqual([{ name: 'rps', limit: 5, remaining: 1, resetMs: 1100 - 40 }]);
  });

  it('never admits more than the limit in any sliding window, whatever the timing', async () => {
    const r = rule('sliding');
    const admitted: number[] = [];
    // 5 per second, asked 40 times over 3 seconds at irregular times
    for (let i = 0; i < 40; i++) {
      const now = 50_000 + Math.floor((i * 3000) / 40) + (i % 3) * 17;
      if ((await store.admit([spec(r, now, { windows: [rps()] })]))[0]!.ok) admitted.push(now);
    }
    for (const start of admitted) expect(admitted.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(5);
    expect(admitted.length).toBeGreaterThanOrEqual(10);
  });

  it('reserves input tokens and settles them to the real count', async () => {
    const r = rule('itpm');
    const w = (amount: number): WindowSpec => ({ name: 'itpm', limit: 100, bucketMs: 1000, buckets: 61, amount });
    const first = (await store.admit([spec(r, 100_000, { windows: [w(60)] })]))[0]!;
    expect(first.ok).toBe(true);
    expect((await store.admit([spec(r, 100_500, { windows: [w(60)] })]))[0]!.ok).toBe(false);
    // the first request really used 20 tokens, not 60
    await store.settle([{ rule: r, now: 101_000, windows: [{ name: 'itpm', bucketMs: 1000, buckets: 61, delta: -40, bucket: first.bucket.itpm }], quotas: [], release: [] }]);
    const third = (await store.admit([spec(r, 101_200, { windows: [w(60)] })]))[0]!;
    expect(third.ok).toBe(true);
    expect(third.counters[0]).toMatchObject({ remaining: 80 });
  });

  it('gates on output tokens already used, and refuses a quota with insufficient room', async () => {
    const r = rule('gate');
    const gate: WindowSpec = { name: 'otpm', limit: 50, bucketMs: 1000, buckets: 61, amount: 0, gate: true };
    expect((await store.admit([spec(r, 200_000, { windows: [gate] })]))[0]!.ok).toBe(true);
    await store.settle([{ rule: r, now: 200_100, windows: [{ name: 'otpm', bucketMs: 1000, buckets: 61, delta: 50 }], quotas: [], release: [] }]);
    expect((await store.admit([spec(r, 200_200, { windows: [gate] })]))[0]!.refused?.name).toBe('otpm');

    const q = rule('quota');
    const day = (amount: number) => ({ name: 'tpd:2026-11-22', limit: 100, ttlMs: 3_600_000, amount });
    expect((await store.admit([spec(q, 1, { quotas: [day(60)] })]))[0]!.ok).toBe(true);
    const over = (await store.admit([spec(q, 2, { quotas: [day(60)] })]))[0]!;
    expect(over.refused).toMatchObject({ name: 'tpd:2026-11-22', limit: 100, remaining: 0 });
    expect(over.refused!.resetMs).toBeGreaterThan(3_500_000);
  });

  it('holds concurrency slots until released, or until a crashed holder\'s lease runs out', async () => {
    const r = rule('conc');
    const c = (id: string) => ({ limit: 2, leaseMs: 1000, id });
    expect((await store.admit([spec(r, 1_000, { concurrency: c('a') }), spec(r, 1_000, { concurrency: c('b') })])).map((x) => x.ok)).toEqual([true, true]);
    expect((await store.admit([spec(r, 1_100, { concurrency: c('c') })]))[0]!.refused?.name).toBe('concurrent');
    await store.settle([{ rule: r, now: 1_200, windows: [], quotas: [], release: ['a'] }]);
    expect((await store.admit([spec(r, 1_300, { concurrency: c('c') })]))[0]!.ok).toBe(true);
    // b and c never release (their replica died): their leases expire
    expect((await store.admit([spec(r, 2_400, { concurrency: c('d') })]))[0]!.ok).toBe(true);
  });

  it('refuses without consuming anything when one counter of the rule is full', async () => {
    const r = rule('atomic');
    const windows: WindowSpec[] = [rps(), { name: 'itpm', limit: 10, bucketMs: 1000, buckets: 61, amount: 8 }];
    expect((await store.admit([spec(r, 300_000, { windows })]))[0]!.ok).toBe(true);
    const refused = (await store.admit([spec(r, 300_010, { windows })]))[0]!;
    expect(refused.refused?.name).toBe('itpm');
    // the refused request did not take an rps slot: 4 requests of 1 token still fit
    const small: WindowSpec[] = [rps(), { name: 'itpm', limit: 10, bucketMs: 1000, buckets: 61, amount: 0 }];
    const next = (await store.admit([spec(r, 300_020, { windows: small })]))[0]!;
    expect(next.counters[0]).toMatchObject({ name: 'rps', remaining: 4 });
  });

  it('decides admissions asked in the same moment one after another, each seeing what the earlier ones took', async () => {
    const r = rule('turn');
    const itpm = (amount: number): WindowSpec => ({ name: 'itpm', limit: 10, bucketMs: 1000, buckets: 61, amount });
    // eight requests of one key in one event-loop turn (the Redis store sends them in one script call)
    const amounts = [4, 4, 4, 1, 1, 1, 1, 1];
    const results = (await Promise.all(amounts.map((a, i) => store.admit([spec(r, 400_000 + i, { windows: [rps(), itpm(a)] })])))).map((x) => x[0]!);
    expect(results.map((x) => x.ok)).toEqual([true, true, false, true, true, false, false, false]);
    expect(results.map((x) => x.refused?.name ?? null)).toEqual([null, null, 'itpm', null, null, 'itpm', 'itpm', 'itpm']);
    expect(results.map((x) => x.counters[0]!.remaining)).toEqual([5, 4, 3, 3, 2, 1, 1, 1]);
    expect(results.map((x) => x.counters[1]!.remaining)).toEqual([10, 6, 2, 2, 1, 0, 0, 0]);
    // what was taken was written once and stays: 4 requests, 10 tokens
    const after = (await store.admit([spec(r, 400_100, { windows: [rps(), itpm(0)] })]))[0]!;
    expect(after.counters.map((c) => c.remaining)).toEqual([1, 0]);
  });

  it('takes a pool of slots at once, keeps the pool alive while held, and never brings back an expired slot', async () => {
    const r = rule('pool');
    const pool = { limit: 10, leaseMs: 1_000, id: 'replica-a:1', count: 8 };
    expect((await store.admit([spec(r, 500_000, { concurrency: pool })]))[0]!.ok).toBe(true);
    // 8 of 10 held: a pool of 3 does not fit, a single slot does
    expect((await store.admit([spec(r, 500_010, { concurrency: { ...pool, id: 'replica-b:1', count: 3 } })]))[0]!.refused?.name).toBe('concurrent');
    const ids = Array.from({ length: 8 }, (_, k) => `replica-a:1#${k + 1}`);
    expect(await store.holdSlots(r, ids, 500_900, 1_000)).toBe(true);
    // held: still taken after the first lease would have run out
    expect((await store.admit([spec(r, 501_200, { concurrency: { ...pool, id: 'x', count: 3 } })]))[0]!.ok).toBe(false);
    // not held any more: expired, and holding it again does not bring it back
    expect((await store.admit([spec(r, 502_000, { concurrency: { ...pool, id: 'y', count: 10 } })]))[0]!.ok).toBe(true);
    expect(await store.holdSlots(r, ids, 502_100, 1_000)).toBe(false);
  });

  it('counts a call from an earlier moment (another replica, a request that waited) without erasing the newest bucket', async () => {
    const r = rule('late');
    for (let i = 0; i < 5; i++) expect((await store.admit([spec(r, 20_200, { windows: [rps()] })]))[0]!.ok).toBe(true);
    // stamped two buckets earlier, arriving after them: still within the same second, still full
    expect((await store.admit([spec(r, 20_050, { windows: [rps()] })]))[0]!.refused?.name).toBe('rps');
    expect((await store.admit([spec(r, 20_250, { windows: [rps()] })]))[0]!.ok).toBe(false);
    // and a settlement stamped earlier does not either
    await store.settle([{ rule: r, now: 20_000, windows: [{ name: 'rps', bucketMs: 100, buckets: 11, delta: 0 }], quotas: [], release: [] }]);
    expect((await store.admit([spec(r, 20_300, { windows: [rps()] })]))[0]!.ok).toBe(false);
  });
});
