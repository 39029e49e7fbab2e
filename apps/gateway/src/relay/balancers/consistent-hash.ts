import type { Balancer, PickContext } from './balancer.js';

/** FNV-1a, 32 bits: fast, well spread for short keys such as IP addresses. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // final avalanche (murmur3 fmix32): neighbouring keys land far apart on the ring
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

const POINTS_PER_WEIGHT = 160;

/**
 * IP hash by consistent hashing: each candidate owns points on a ring in proportion to its weight;
 * a client goes to the owner of the first point after its hash. Adding or removing a candidate
 * moves only the clients of the points it gains or loses (about 1/N of them). When the owner
 * cannot take the request, the walk continues to the next distinct candidate.
 */
export class ConsistentHash implements Balancer {
  private readonly ring: Uint32Array;
  private readonly owners: Uint32Array;

  /** `keys` are stable identities (instance ids) so the ring survives snapshot rebuilds. */
  constructor(keys: readonly string[], weights: readonly number[]) {
    const points: Array<[number, number]> = [];
    keys.forEach((key, index) => {
      const count = Math.round(POINTS_PER_WEIGHT * Math.max(0, weights[index] ?? 0));
      for (let p = 0; p < count; p++) points.push([fnv1a(`${key}#${p}`), index]);
    });
    points.sort((a, b) => a[0] - b[0]);
    this.ring = Uint32Array.from(points, (p) => p[0]);
    this.owners = Uint32Array.from(points, (p) => p[1]);
  }

  pick(context: Pick<PickContext, 'usable' | 'clientIp'>): number | undefined {
    const n = this.ring.length;
    if (n === 0) return undefined;
    const hash = fnv1a(context.clientIp());
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ring[mid]! < hash) lo = mid + 1;
      else hi = mid;
    }
    const seen = new Set<number>();
    for (let step = 0; step < n; step++) {
      const owner = this.owners[(lo + step) % n]!;
      if (seen.has(owner)) continue;
      if (context.usable(owner)) return owner;
      seen.add(owner);
    }
    return undefined;
  }
}
