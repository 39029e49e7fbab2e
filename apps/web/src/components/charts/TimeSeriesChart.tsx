import { formatBucket, formatCompact, isolatedPoints, linePath, niceCeiling, ticks } from './chart-scale';

export interface ChartSeries {
  name: string;
  /** A CSS colour for the line and its legend swatch. */
  color: string;
  /** One value per bucket; null where there is nothing to plot (e.g. a percentile without requests). */
  values: (number | null)[];
  /** Shown beside the name in the legend ("1,204 total"). */
  summary?: string;
}

export interface TimeSeriesChartProps {
  /** The chart's accessible name. */
  title: string;
  /** Each bucket's start (ISO 8601), in order. */
  buckets: string[];
  intervalSeconds: number;
  series: ChartSeries[];
  /** Writes a value for the hover text ("120 ms", "1,204"). */
  formatValue?: (value: number) => string;
}

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { top: 10, right: 10, bottom: 22, left: 44 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** Lines over time, one per series, on an SVG that scales with its card; hovering a bucket names its values. */
export function TimeSeriesChart({ title, buckets, intervalSeconds, series, formatValue = formatCompact }: TimeSeriesChartProps) {
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const top = niceCeiling(max);
  const step = PLOT_W / Math.max(1, buckets.length - 1);
  const x = (index: number) => PAD.left + (buckets.length === 1 ? PLOT_W / 2 : index * step);
  const y = (value: number) => PAD.top + PLOT_H - (value / top) * PLOT_H;
  const span = intervalSeconds * buckets.length;
  const labelled = buckets.length <= 1 ? [0] : [0, Math.floor((buckets.length - 1) / 2), buckets.length - 1];

  return (
    <figure aria-label={title} className="flex flex-col gap-2">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-label={`${title} chart`}>
        {ticks(top).map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="stroke-neutral-200" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="fill-neutral-400 text-[10px]">
              {formatCompact(tick)}
            </text>
          </g>
        ))}
        {buckets.length > 0
          ? labelled.map((index) => (
              <text key={index} x={x(index)} y={HEIGHT - 6} textAnchor={index === 0 ? 'start' : index === buckets.length - 1 ? 'end' : 'middle'} className="fill-neutral-400 text-[10px]">
                {formatBucket(buckets[index]!, intervalSeconds, span)}
              </text>
            ))
          : null}
        {series.map((s) => (
          <g key={s.name}>
            <path d={linePath(s.values, x, y)} fill="none" stroke={s.color} strokeWidth={1.75} strokeLinejoin="round" strokeLinecap="round" data-series={s.name} />
            {isolatedPoints(s.values).map((index) => (
              <circle key={index} cx={x(index)} cy={y(s.values[index]!)} r={2.5} fill={s.color} />
            ))}
          </g>
        ))}
        {buckets.map((bucket, index) => (
          <rect key={bucket} x={x(index) - step / 2} y={PAD.top} width={step} height={PLOT_H} fill="transparent" className="hover:fill-neutral-900/5">
            <title>{`${formatBucket(bucket, intervalSeconds, span)} — ${series.map((s) => `${s.name}: ${s.values[index] == null ? '—' : formatValue(s.values[index])}`).join(', ')}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-neutral-600">
        {series.map((s) => (
          <span key={s.name} className="inline-flex items-center gap-1.5" data-legend={s.name}>
            <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: s.color }} />
            <span className="font-medium text-neutral-800">{s.name}</span>
            {s.summary ? <span>{s.summary}</span> : null}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
