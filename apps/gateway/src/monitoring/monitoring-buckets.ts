import type { MonitoringInterval } from '@aigw/shared/admin/monitoring';

export const INTERVAL_SECONDS: Record<Exclude<MonitoringInterval, 'auto'>, number> = { '1m': 60, '5m': 300, '15m': 900, '1h': 3600, '6h': 21_600, '1d': 86_400 };
const STEPS = Object.values(INTERVAL_SECONDS).sort((a, b) => a - b);

/** `auto` aims at no more than this many buckets (the largest step may give more). */
const AUTO_TARGET = 100;
/** A series longer than this is refused: ask for a wider interval. */
export const MAX_BUCKETS = 2000;
export const DEFAULT_RANGE_MS = 3600_000;

export interface ResolvedRange {
  from: Date;
  to: Date;
}

/** `from`/`to` with the defaults: up to now, the last hour. */
export function resolveRange(from: Date | undefined, to: Date | undefined, now = new Date()): ResolvedRange {
  const end = to ?? (from && from.getTime() > now.getTime() ? new Date(from.getTime() + DEFAULT_RANGE_MS) : now);
  return { from: from ?? new Date(end.getTime() - DEFAULT_RANGE_MS), to: end };
}

/** The bucket size in seconds: the one asked for, or the smallest giving at most ~100 buckets. */
export function bucketSeconds(interval: MonitoringInterval, range: ResolvedRange): number {
  if (interval !== 'auto') return INTERVAL_SECONDS[interval];
  const spanS = (range.to.getTime() - range.from.getTime()) / 1000;
  return STEPS.find((step) => spanS / step <= AUTO_TARGET) ?? STEPS[STEPS.length - 1]!;
}

/** The start of every bucket overlapping [from, to), aligned to multiples of the step since the epoch (UTC). */
export function bucketStarts(range: ResolvedRange, stepS: number): number[] {
  const stepMs = stepS * 1000;
  const first = Math.floor(range.from.getTime() / stepMs) * stepMs;
  const starts: number[] = [];
  for (let t = first; t < range.to.getTime(); t += stepMs) starts.push(t);
  return starts;
}

export function bucketCount(range: ResolvedRange, stepS: number): number {
  const stepMs = stepS * 1000;
  return Math.ceil(range.to.getTime() / stepMs) - Math.floor(range.from.getTime() / stepMs);
}

/**
 * Every bucket of the range, in order: the rows the database returned (keyed by bucket start in
 * ms), the empty ones from `empty`.
 */
export function fillBuckets<T>(starts: readonly number[], rows: ReadonlyMap<number, T>, empty: (bucket: string) => T): T[] {
  return starts.map((t) => rows.get(t) ?? empty(new Date(t).toISOString()));
}
