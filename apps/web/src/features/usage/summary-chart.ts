import type { UsageInterval, UsageSummaryRow } from '@aigw/shared/admin/usage';
import type { ChartSeries } from '../../components/charts/TimeSeriesChart';
import type { ChartData } from '../dashboard/chart-data';

export interface GroupTotals {
  group: string | null;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
}

/** Each group's totals over every bucket, busiest first. */
export function groupTotals(rows: readonly UsageSummaryRow[]): GroupTotals[] {
  const totals = new Map<string | null, GroupTotals>();
  for (const row of rows) {
    const t = totals.get(row.group) ?? { group: row.group, requests: 0, errors: 0, input_tokens: 0, output_tokens: 0 };
    t.requests += row.requests;
    t.errors += row.errors;
    t.input_tokens += row.input_tokens;
    t.output_tokens += row.output_tokens;
    totals.set(row.group, t);
  }
  return [...totals.values()].sort((a, b) => b.requests - a.requests);
}

const STEP_MS: Record<UsageInterval, number> = { hour: 3600_000, day: 24 * 3600_000 };

/** Every bucket start from the first to the last one in the rows, so quiet buckets show as zero. */
export function bucketRange(rows: readonly UsageSummaryRow[], interval: UsageInterval): string[] {
  const times = rows.map((r) => new Date(r.bucket).getTime());
  if (times.length === 0) return [];
  const first = Math.min(...times);
  const last = Math.max(...times);
  const buckets: string[] = [];
  for (let t = first; t <= last; t += STEP_MS[interval]) buckets.push(new Date(t).toISOString());
  return buckets;
}

export const SERIES_COLORS = ['#2563eb', '#16a34a', '#d97706', '#7c3aed', '#db2777', '#525252'];

/**
 * Requests per bucket, one line per group for the busiest groups (as many as there are colours);
 * the rest add up into "Other".
 */
export function summaryChart(rows: readonly UsageSummaryRow[], interval: UsageInterval, labelOf: (group: string | null) => string): ChartData {
  const buckets = bucketRange(rows, interval);
  const index = new Map(buckets.map((b, i) => [b, i]));
  const ranked = groupTotals(rows).map((t) => t.group);
  const shown = ranked.length > SERIES_COLORS.length ? ranked.slice(0, SERIES_COLORS.length - 1) : ranked;
  const lines = new Map<string | null, number[]>(shown.map((g) => [g, buckets.map(() => 0)]));
  const other = buckets.map(() => 0);
  for (const row of rows) {
    const at = index.get(new Date(row.bucket).toISOString());
    if (at === undefined) continue;
    (lines.get(row.group) ?? other)[at]! += row.requests;
  }
  const series: ChartSeries[] = [...lines.entries()].map(([group, values], i) => ({ name: labelOf(group), color: SERIES_COLORS[i]!, values }));
  if (ranked.length > shown.length) series.push({ name: 'Other', color: SERIES_COLORS.at(-1)!, values: other });
  return { buckets, intervalSeconds: STEP_MS[interval] / 1000, series };
}
