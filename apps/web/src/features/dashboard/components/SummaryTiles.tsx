import type { MonitoringSummary } from '@aigw/shared/admin/monitoring';
import { formatDuration } from '../../../lib/format';

const count = new Intl.NumberFormat();
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

/** The range's totals at a glance: requests, error rate, latency, tokens. */
export function SummaryTiles({ summary }: { summary: MonitoringSummary }) {
  const tiles = [
    { label: 'Requests', value: count.format(summary.requests), detail: `${summary.requests_per_second.toFixed(2)} per second` },
    { label: 'Error rate', value: percent.format(summary.error_rate), detail: `${count.format(summary.errors)} errors, ${count.format(summary.server_errors)} from servers` },
    { label: 'Latency p50 / p99', value: `${formatDuration(summary.latency.p50_ms)} / ${formatDuration(summary.latency.p99_ms)}`, detail: `First token p50 ${formatDuration(summary.ttft.p50_ms)}` },
    { label: 'Tokens in / out', value: `${count.format(summary.input_tokens)} / ${count.format(summary.output_tokens)}`, detail: 'Input and output tokens' },
  ];
  return (
    <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-lg border border-neutral-200 bg-white px-5 py-4 shadow-xs">
          <dt className="text-xs font-medium tracking-wide text-neutral-500 uppercase">{tile.label}</dt>
          <dd className="mt-1 text-2xl font-semibold text-neutral-900 tabular-nums">{tile.value}</dd>
          <dd className="mt-0.5 text-xs text-neutral-500">{tile.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
