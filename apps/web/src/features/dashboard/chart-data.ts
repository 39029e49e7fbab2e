import type { LatencyPoint, MonitoringSeries, MonitoringTop, TokensPoint, TrafficPoint } from '@aigw/shared/admin/monitoring';
import type { BarListItem } from '../../components/charts/BarList';
import type { ChartSeries } from '../../components/charts/TimeSeriesChart';

/** What a chart draws: the buckets and one series per line. */
export interface ChartData {
  buckets: string[];
  intervalSeconds: number;
  series: ChartSeries[];
}

export const COLORS = { blue: '#2563eb', red: '#dc2626', amber: '#d97706', green: '#16a34a', violet: '#7c3aed', neutral: '#525252' } as const;

const count = new Intl.NumberFormat();
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const total = (values: number[]) => `${count.format(sum(values))} total`;

function chart<T extends { bucket: string }>(response: MonitoringSeries<T>, series: ChartSeries[]): ChartData {
  return { buckets: response.data.map((p) => p.bucket), intervalSeconds: response.interval_seconds, series };
}

export function trafficChart(response: MonitoringSeries<TrafficPoint>): ChartData {
  const requests = response.data.map((p) => p.requests);
  const errors = response.data.map((p) => p.errors);
  return chart(response, [
    { name: 'Requests', color: COLORS.blue, values: requests, summary: total(requests) },
    { name: 'Errors', color: COLORS.red, values: errors, summary: total(errors) },
  ]);
}

/** p50/p90/p99 of whole-request latency or of time to first token. */
export function latencyChart(response: MonitoringSeries<LatencyPoint>, measure: 'latency' | 'ttft'): ChartData {
  const line = (name: string, pick: 'p50_ms' | 'p90_ms' | 'p99_ms', color: string): ChartSeries => ({
    name,
    color,
    values: response.data.map((p) => p[measure][pick]),
  });
  return chart(response, [line('p50', 'p50_ms', COLORS.green), line('p90', 'p90_ms', COLORS.amber), line('p99', 'p99_ms', COLORS.red)]);
}

export function tokensChart(response: MonitoringSeries<TokensPoint>): ChartData {
  const input = response.data.map((p) => p.input_tokens);
  const output = response.data.map((p) => p.output_tokens);
  return chart(response, [
    { name: 'Input tokens', color: COLORS.violet, values: input, summary: total(input) },
    { name: 'Output tokens', color: COLORS.blue, values: output, summary: total(output) },
  ]);
}

/** The busiest keys or models by requests; an entry without a name shows its id, one without either "(none)". */
export function topItems(top: MonitoringTop): BarListItem[] {
  return top.data.map((entry, index) => ({
    key: entry.id ?? `none-${index}`,
    label: entry.name ?? entry.id ?? '(none)',
    value: entry.requests,
    detail: `${count.format(entry.errors)} ${entry.errors === 1 ? 'error' : 'errors'} · ${count.format(entry.input_tokens + entry.output_tokens)} tokens`,
  }));
}
