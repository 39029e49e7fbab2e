import { describe, expect, it } from 'vitest';
import type { SettleSpec } from './limit-ops.js';
import { mergeSettles } from './merge-settles.js';

const settle = (rule: string, now: number, delta: number, bucket: number | undefined, release: string[]): SettleSpec => ({
  rule,
  now,
  windows: [
    { name: 'itpm', bucketMs: 1000, buckets: 61, delta, bucket },
    { name: 'otpm', bucketMs: 1000, buckets: 61, delta: 2 },
  ],
  quotas: [{ name: 'tpd:2026-11-22', ttlMs: 1000, delta: delta + 2 }],
  release,
});

describe('mergeSettles', () => {
  it('folds one rule\'s settlements: deltas summed per counter and bucket, every slot freed', () => {
    const merged = mergeSettles([settle('k', 10, -5, 7, ['a']), settle('k', 12, -3, 7, ['b']), settle('k', 11, 4, 8, [])]);
    expect(merged).toEqual([
      {
        rule: 'k',
        now: 12,
        windows: [
          { name: 'itpm', bucketMs: 1000, buckets: 61, delta: -8, bucket: 7 },
          { name: 'otpm', bucketMs: 1000, buckets: 61, delta: 6 },
          { name: 'itpm', bucketMs: 1000, buckets: 61, delta: 4, bucket: 8 },
        ],
        quotas: [{ name: 'tpd:2026-11-22', ttlMs: 1000, delta: 2 }],
        release: ['a', 'b'],
      },
    ]);
  });

  it('keeps rules apart and never changes its input', () => {
    const input = [settle('k', 1, -1, 1, ['a']), settle('n', 1, -2, 1, ['b'])];
    const copy = structuredClone(input);
    expect(mergeSettles(input).map((s) => [s.rule, s.release])).toEqual([
      ['k', ['a']],
      ['n', ['b']],
    ]);
    expect(input).toEqual(copy);
  });
});
