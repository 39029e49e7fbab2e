import type { AdmitSpec, QuotaSpec, SettleSpec, WindowSpec } from '../store/limit-ops.js';
import type { GovernanceUnit } from '../snapshot/governance.js';

/** What a request brings to the counters. */
export interface RequestCounts {
  requestId: string;
  keyId: string;
  /** Asked only when a unit counts per client address. */
  clientIp: () => string;
  /** Estimated prompt tokens, reserved now and settled later; asked only when the store decides for a unit that counts tokens. */
  inputTokens: () => number;
  /** The request body's size: what a leased share reserves input tokens by (`leaseReservation`). */
  bodyBytes: number;
  now: number;
  /** How long a concurrency slot lives if its holder dies without releasing it. */
  leaseMs: number;
}

const SECOND = { bucketMs: 100, buckets: 11 };
const MINUTE = { bucketMs: 1000, buckets: 61 };
const HOUR_MS = 3_600_000;

/** `2026-11-22` and `2026-11` for a time, kept for the day it falls in (asked per request). */
let calendar = { from: 0, to: 0, day: '', month: '' };
function period(now: number): { day: string; month: string } {
  if (now < calendar.from || now >= calendar.to) {
    const iso = new Date(now).toISOString();
    const from = now - (now % 86_400_000);
    calendar = { from, to: from + 86_400_000, day: iso.slice(0, 10), month: iso.slice(0, 7) };
  }
  return calendar;
}
const untilNextDay = (now: number) => 86_400_000 - (now % 86_400_000);
function untilNextMonth(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - now;
}

/** The counters' identity: the unit's, per key or per client address as the unit says. */
export function ruleId(unit: GovernanceUnit, counts: RequestCounts): string {
  if (unit.limitBy === 'key') return `${unit.id}|key:${counts.keyId}`;
  if (unit.limitBy === 'client_ip') return `${unit.id}|ip:${counts.clientIp()}`;
  return unit.id;
}

/** One admission spec per unit that holds counters; input tokens are reserved in every token counter. */
export function admitSpecs(units: readonly GovernanceUnit[], counts: RequestCounts): AdmitSpec[] {
  const specs: AdmitSpec[] = [];
  for (const unit of units) {
    if (!unit.counted) continue;
    const l = unit.limits;
    const windows: WindowSpec[] = [];
    const quotas: QuotaSpec[] = [];
    if (l.requests_per_second) windows.push({ name: 'rps', limit: l.requests_per_second, ...SECOND, amount: 1 });
    if (l.requests_per_minute) windows.push({ name: 'rpm', limit: l.requests_per_minute, ...MINUTE, amount: 1 });
    if (l.input_tokens_per_minute) windows.push({ name: 'itpm', limit: l.input_tokens_per_minute, ...MINUTE, amount: counts.inputTokens() });
    if (l.output_tokens_per_minute) windows.push({ name: 'otpm', limit: l.output_tokens_per_minute, ...MINUTE, amount: 0, gate: true });
    if (l.tokens_per_day) quotas.push({ name: `tpd:${period(counts.now).day}`, limit: l.tokens_per_day, ttlMs: untilNextDay(counts.now) + HOUR_MS, amount: counts.inputTokens() });
    if (l.tokens_per_month) quotas.push({ name: `tpmo:${period(counts.now).month}`, limit: l.tokens_per_month, ttlMs: untilNextMonth(counts.now) + HOUR_MS, amount: counts.inputTokens() });
    specs.push({
      rule: ruleId(unit, counts),
      now: counts.now,
      windows,
      quotas,
      concurrency: l.concurrent_requests ? { limit: l.concurrent_requests, leaseMs: counts.leaseMs, id: counts.requestId } : null,
    });
  }
  return specs;
}

/** After the answer: the real token counts replace the reservation, and the concurrency slot is freed. */
export function settleSpec(admitted: AdmitSpec, bucket: Record<string, number>, used: { input: number; output: number }, now: number): SettleSpec {
  const reserved = admitted.windows.find((w) => w.name === 'itpm')?.amount ?? admitted.quotas[0]?.amount ?? 0;
  return {
    rule: admitted.rule,
    now,
    windows: admitted.windows.flatMap((w) => {
      if (w.name === 'itpm') return [{ name: w.name, bucketMs: w.bucketMs, buckets: w.buckets, delta: used.input - w.amount, bucket: bucket[w.name] }];
      if (w.name === 'otpm') return [{ name: w.name, bucketMs: w.bucketMs, buckets: w.buckets, delta: used.output }];
      return [];
    }),
    quotas: admitted.quotas.map((q) => ({ name: q.name, ttlMs: q.ttlMs, delta: used.input - reserved + used.output })),
    release: admitted.concurrency ? [admitted.concurrency.id] : [],
  };
}

/** Undo an admission that will not go ahead (another unit refused): give everything back. */
export function cancelSpec(admitted: AdmitSpec, bucket: Record<string, number>, now: number): SettleSpec {
  return {
    rule: admitted.rule,
    now,
    windows: admitted.windows.filter((w) => !w.gate && w.amount > 0).map((w) => ({ name: w.name, bucketMs: w.bucketMs, buckets: w.buckets, delta: -w.amount, bucket: bucket[w.name] })),
    quotas: admitted.quotas.filter((q) => q.amount > 0).map((q) => ({ name: q.name, ttlMs: q.ttlMs, delta: -q.amount })),
    release: admitted.concurrency ? [admitted.concurrency.id] : [],
  };
}
