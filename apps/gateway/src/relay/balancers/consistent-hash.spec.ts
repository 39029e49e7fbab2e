import { describe, expect, it } from 'vitest';
import { ConsistentHash } from './consistent-hash.js';

const clients = Array.from({ length: 20_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
const assign = (ring: ConsistentHash, keys: string[], usable: (i: number) => boolean = () => true) =>
  clients.map((ip) => keys[ring.pick({ usable, clientIp: () => ip })!]!);

describe('ConsistentHash (IP hash)', () => {
  it('sends a client to the same instance every time', () => {
    const ring = new ConsistentHash(['a', 'b', 'c'], [1, 1, 1]);
    const first = assign(ring, ['a', 'b', 'c']);
    expect(assign(ring, ['a', 'b', 'c'])).toEqual(first);
  });

  it('spreads clients in proportion to weight', () => {
    const keys = ['a', 'b', 'c', 'd'];
    const counts = Object.fromEntries(keys.map((k) => [k, 0]));
    for (const k of assign(new ConsistentHash(keys, [1, 1, 1, 2]), keys)) counts[k]! += 1;
    const share = (k: string) => counts[k]! / clients.length;
    for (const k of ['a', 'b', 'c']) expect(Math.abs(share(k) - 0.2)).toBeLessThan(0.05);
    expect(Math.abs(share('d') - 0.4)).toBeLessThan(0.06);
  });

  it('moves only about 1/N of the clients when an instance is added', () => {
    const before = assign(new ConsistentHash(['a', 'b', 'c', 'd'], [1, 1, 1, 1]), ['a', 'b', 'c', 'd']);
    const after = assign(new ConsistentHash(['a', 'b', 'c', 'd', 'e'], [1, 1, 1, 1, 1]), ['a', 'b', 'c', 'd', 'e']);
    const moved = before.filter((k, i) => k !== after[i]).length / clients.length;
    // ideal 1/5 = 0.2; every moved client went to the new instance
    expect(moved).toBeGreaterThan(0.14);
    expect(moved).toBeLessThan(0.26);
    expect(before.every((k, i) => k === after[i] || after[i] === 'e')).toBe(true);
  });

  it('sends the clients of an unusable instance elsewhere and leaves the rest alone', () => {
    const keys = ['a', 'b', 'c'];
    const ring = new ConsistentHash(keys, [1, 1, 1]);
    const normal = assign(ring, keys);
    const withoutB = assign(ring, keys, (i) => i !== 1);
    expect(withoutB.includes('b')).toBe(false);
    expect(normal.every((k, i) => k === 'b' || withoutB[i] === k)).toBe(true);
    expect(ring.pick({ usable: () => false, clientIp: () => '1.2.3.4' })).toBeUndefined();
  });
});
