import { describe, expect, it } from 'vitest';
import { SmoothWeightedRoundRobin } from './smooth-weighted-round-robin.js';

const all = { usable: (_index: number) => true };
const picks = (rr: SmoothWeightedRoundRobin, n: number, usable = all) => Array.from({ length: n }, () => rr.pick(usable));

describe('SmoothWeightedRoundRobin', () => {
  it('gives each candidate exactly its weight per cycle, spread out', () => {
    const sequence = picks(new SmoothWeightedRoundRobin([5, 1, 1]), 7).map((i) => 'abc'[i!]).join('');
    // nginx's sequence for 5/1/1: never more than two a's in a row before a b or c
    expect(sequence).toBe('aabacaa');
  });

  it('alternates equal weights and never picks zero weights', () => {
    expect(picks(new SmoothWeightedRoundRobin([1, 1, 0]), 4)).toEqual([0, 1, 0, 1]);
  });

  it('skips candidates that cannot take a request, keeping the others in proportion', () => {
    const rr = new SmoothWeightedRoundRobin([2, 1, 1]);
    const withoutFirst = picks(rr, 40, { usable: (i) => i !== 0 });
    expect(withoutFirst.filter((i) => i === 1)).toHaveLength(20);
    expect(withoutFirst.filter((i) => i === 2)).toHaveLength(20);
    const counts = [0, 0, 0];
    for (const i of picks(rr, 400)) counts[i!]! += 1;
    expect(counts).toEqual([200, 100, 100]);
  });

  it('returns undefined when nothing can take the request', () => {
    expect(new SmoothWeightedRoundRobin([1, 1]).pick({ usable: () => false })).toBeUndefined();
    expect(new SmoothWeightedRoundRobin([]).pick(all)).toBeUndefined();
  });
});
