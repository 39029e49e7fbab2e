import { slotIds, type AdmitResult, type AdmitSpec, type CounterState, type SettleSpec } from './limit-ops.js';

interface Ring {
  t: number;
  b: number | null;
  slots: Map<number, number>;
  expiresAt: number;
}

/**
 * The in-process limiter: the algorithm of store/lua/limits.lua.ts over plain maps, for a single
 * gateway without Redis. Same semantics, so one instance behaves exactly like a replica set.
 */
export class MemoryLimits {
  private readonly rings = new Map<string, Ring>();
  private readonly quotas = new Map<string, { value: number; expiresAt: number }>();
  private readonly leases = new Map<string, Map<string, number>>();

  admit(spec: AdmitSpec): AdmitResult {
    const { now } = spec;
    const counters: CounterState[] = [];
    const bucket: Record<string, number> = {};
    let refused: CounterState | null = null;
    const slid = spec.windows.map((w) => {
      const key = `${spec.rule}:${w.name}`;
      const ring = this.advance(key, now, w.bucketMs, w.buckets);
      const cur = ring.b!;
      bucket[w.name] = cur;
      const ok = w.gate ? ring.t < w.limit : ring.t + w.amount <= w.limit;
      let retry = (cur + w.buckets) * w.bucketMs - now;
      if (!ok && !refused) {
        const need = ring.t + Math.max(w.amount, 1) - w.limit;
        let acc = 0;
        for (let id = cur - w.buckets + 1; id <= cur; id++) {
          acc += ring.slots.get(((id % w.buckets) + w.buckets) % w.buckets) ?? 0;
          if (acc >= need) {
            retry = (id + w.buckets) * w.bucketMs - now;
            break;
          }
        }
        refused = { name: w.name, limit: w.limit, remaining: 0, resetMs: retry };
      }
      counters.push({ name: w.name, limit: w.limit, remaining: Math.max(0, w.limit - ring.t), resetMs: retry });
      return { ring, cur };
    });
    for (const q of spec.quotas) {
      const entry = this.quota(`${spec.rule}:${q.name}`, now);
      const value = entry?.value ?? 0;
      const ok = q.amount > 0 ? value + q.amount <= q.limit : value < q.limit;
      const ttl = entry ? entry.expiresAt - now : q.ttlMs;
      if (!ok && !refused) refused = { name: q.name, limit: q.limit, remaining: 0, resetMs: ttl };
      counters.push({ name: q.name, limit: q.limit, remaining: Math.max(0, q.limit - value), resetMs: ttl });
    }
    const c = spec.concurrency;
    let leases: Map<string, number> | undefined;
    if (c) {
      leases = this.liveLeases(spec.rule, now);
      if (leases.size + (c.count ?? 1) > c.limit && !refused) refused = { name: 'concurrent', limit: c.limit, remaining: 0, resetMs: 1000 };
      counters.push({ name: 'concurrent', limit: c.limit, remaining: Math.max(0, c.limit - leases.size), resetMs: 1000 });
    }
    if (!refused) {
      spec.windows.forEach((w, i) => {
        const { ring, cur } = slid[i]!;
        if (!w.gate && w.amount > 0) {
          const slot = cur % w.buckets;
          ring.slots.set(slot, (ring.slots.get(slot) ?? 0) + w.amount);
          ring.t += w.amount;
        }
      });
      for (const q of spec.quotas) {
        if (q.amount <= 0) continue;
        const key = `${spec.rule}:${q.name}`;
        const entry = this.quota(key, now) ?? { value: 0, expiresAt: now + q.ttlMs };
        entry.value += q.amount;
        this.quotas.set(key, entry);
      }
      if (c && leases) {
        for (const id of slotIds(c)) leases.set(id, now + c.leaseMs);
        this.leases.set(spec.rule, leases);
      }
    }
    return { ok: !refused, refused, counters, bucket };
  }

  settle(spec: SettleSpec): void {
    const { now } = spec;
    for (const w of spec.windows) {
      const ring = this.advance(`${spec.rule}:${w.name}`, now, w.bucketMs, w.buckets);
      const cur = ring.b!;
      const b = w.bucket ?? cur;
      if (w.delta !== 0 && cur - b < w.buckets && b <= cur) {
        const slot = b % w.buckets;
        const old = ring.slots.get(slot) ?? 0;
        const next = Math.max(0, old + w.delta);
        ring.t = Math.max(0, ring.t + (next - old));
        ring.slots.set(slot, next);
      }
    }
    for (const q of spec.quotas) {
      if (q.delta === 0) continue;
      const key = `${spec.rule}:${q.name}`;
      const entry = this.quota(key, now) ?? { value: 0, expiresAt: now + q.ttlMs };
      entry.value = Math.max(0, entry.value + q.delta);
      this.quotas.set(key, entry);
    }
    for (const id of spec.release) this.leases.get(spec.rule)?.delete(id);
  }

  /** Extends the slots still held; false if any was gone. */
  hold(rule: string, ids: readonly string[], until: number): boolean {
    const leases = this.leases.get(rule);
    let kept = 0;
    for (const id of ids) {
      if (leases?.has(id)) {
        leases.set(id, until);
        kept++;
      }
    }
    return kept === ids.length;
  }

  /** Drops state nothing will read again (called now and then by the store). */
  sweep(now: number): void {
    for (const [key, ring] of this.rings) if (ring.expiresAt <= now) this.rings.delete(key);
    for (const [key, q] of this.quotas) if (q.expiresAt <= now) this.quotas.delete(key);
    for (const [rule, leases] of this.leases) {
      for (const [id, until] of leases) if (until <= now) leases.delete(id);
      if (leases.size === 0) this.leases.delete(rule);
    }
  }

  /** Slides the ring to now; a call from an earlier moment counts in the newest bucket (see the Lua). */
  private advance(key: string, now: number, bucketMs: number, n: number): Ring {
    let ring = this.rings.get(key);
    const cur = Math.max(Math.floor(now / bucketMs), ring?.b ?? -Infinity);
    if (!ring || ring.b === null || cur - ring.b >= n) {
      ring = { t: 0, b: cur, slots: new Map(), expiresAt: 0 };
      this.rings.set(key, ring);
    } else if (cur > ring.b) {
      for (let id = ring.b + 1; id <= cur; id++) {
        const slot = id % n;
        const v = ring.slots.get(slot);
        if (v) {
          ring.t -= v;
          ring.slots.delete(slot);
        }
      }
    }
    ring.t = Math.max(0, ring.t);
    ring.b = cur;
    ring.expiresAt = now + bucketMs * n + 1000;
    return ring;
  }

  private quota(key: string, now: number) {
    const entry = this.quotas.get(key);
    if (entry && entry.expiresAt <= now) {
      this.quotas.delete(key);
      return undefined;
    }
    return entry;
  }

  private liveLeases(rule: string, now: number): Map<string, number> {
    const leases = this.leases.get(rule) ?? new Map<string, number>();
    for (const [id, until] of leases) if (until <= now) leases.delete(id);
    return leases;
  }
}
