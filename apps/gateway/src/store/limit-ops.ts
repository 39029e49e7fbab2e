/**
 * The limiter's counters, evaluated atomically per rule by the store (one Lua script in Redis, the
 * same algorithm in process). A rule is one set of limits for one subject (a key, a namespace, a
 * route, a policy for one client IP...); all of a rule's counters share one hash tag.
 *
 * Sliding windows are rings of N buckets (N = window / bucket + 1) with a running total: counting the
 * current partial bucket and one bucket more than the window is conservative — within any true
 * sliding window of that length the limit is never exceeded (it may refuse a little early).
 */
export interface WindowSpec {
  /** Counter name within the rule, e.g. `rps`, `rpm`, `itpm`, `otpm`. */
  name: string;
  limit: number;
  bucketMs: number;
  buckets: number;
  /** Added if admitted (1 per request, or reserved tokens). 0 with `gate`: only checks there is room left. */
  amount: number;
  /** Check-only: admitted while the total is below the limit (output tokens, known only afterwards). */
  gate?: boolean;
}

export interface QuotaSpec {
  /** e.g. `tpd:2026-11-22`, `tpm:2026-11`: a fixed calendar period. */
  name: string;
  limit: number;
  /** Time to live of the counter: the rest of the period plus a margin. */
  ttlMs: number;
  amount: number;
}

export interface AdmitSpec {
  rule: string;
  now: number;
  windows: WindowSpec[];
  quotas: QuotaSpec[];
  /** Slots to take: one (`id`), or `count` of them (`id#1`..`id#count`: a replica's leased pool). */
  concurrency: { limit: number; leaseMs: number; id: string; count?: number } | null;
}

export interface CounterState {
  name: string;
  limit: number;
  remaining: number;
  /** Time until the counter has room again (windows: until the oldest counted bucket slides out). */
  resetMs: number;
}

export interface AdmitResult {
  ok: boolean;
  /** The first counter that refused, when not ok. */
  refused: CounterState | null;
  /** Every counter after the decision (for the rate-limit headers). */
  counters: CounterState[];
  /** The bucket the windows were counted in (for settling reservations later). */
  bucket: Record<string, number>;
}

export interface SettleSpec {
  rule: string;
  now: number;
  /** Adjustments: `bucket` is where a reservation was counted (ignored once slid out), else the current one. */
  windows: Array<{ name: string; bucketMs: number; buckets: number; delta: number; bucket?: number }>;
  quotas: Array<{ name: string; ttlMs: number; delta: number }>;
  /** Concurrency slots to free. */
  release: string[];
}

/** The members a concurrency request takes (see AdmitSpec.concurrency). */
export function slotIds(c: { id: string; count?: number }): string[] {
  const count = c.count ?? 1;
  return count === 1 ? [c.id] : Array.from({ length: count }, (_, k) => `${c.id}#${k + 1}`);
}
