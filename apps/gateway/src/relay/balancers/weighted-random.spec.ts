import { describe, expect, it } from 'vitest';
import { WeightedRandom } from './weighted-random.js';

/** A seeded generator (mulberry32) so the statistical check is repeatable. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('WeightedRandom', () => {
  it('picks in proportion to weight (chi-square within the 99.9% bound)', () => {
    const weights = [5, 3, 2];
    const balancer = new WeightedRandom(weights, seeded(42));
    const n = 30_000;
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) counts[balancer.pick({ usable: () => true })!]! += 1;
    const chi = counts.reduce((sum, observed, i) => {
      const expected = (n * weights[i]!) / 10;
      return sum + (observed - expected) ** 2 / expected;
    }, 0);
    expect(chi).toBeLessThan(13.82); // 2 degrees of freedom, p = 0.001
  });

  it('never picks unusable or zero-weight candidates', () => {
    const balancer = new WeightedRandom([1, 0, 1], seeded(7));
    for (let i = 0; i < 1000; i++) expect(balancer.pick({ usable: (c) => c !== 2 })).toBe(0);
    expect(balancer.pick({ usable: () => false })).toBeUndefined();
  });
});
