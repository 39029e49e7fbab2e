import type { MetricValueWithName, Registry } from 'prom-client';

/** One label set's series: `observe` is a bucket search and three additions, nothing else. */
export interface HistogramSeries {
  observe(value: number): void;
}

/** What the registry reads from a metric to write the Prometheus text. */
interface Exposed {
  name: string;
  help: string;
  type: 'histogram';
  aggregator: 'sum';
  values: MetricValueWithName<string>[];
}

interface Series {
  labels: Record<string, string>;
  /** Per bucket (not cumulative), then +Inf. */
  counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * A Prometheus histogram for the data plane's hot path. prom-client's `Histogram` validates and
 * hashes the labels on every observation (≈ 0.7 µs, seven times per request); here a series is made
 * once per label set and observing it only finds the bucket. Exposed through the same registry, in the
 * same text format (cumulative `_bucket`s with `le`, `_sum`, `_count`).
 */
export class FastHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as never);
  }

  /** The series of these label values (in `labelNames` order); keep it and observe it directly. */
  labels(...values: string[]): HistogramSeries {
    const id = values.join('\u0000');
    let series = this.series.get(id);
    if (!series) {
      series = { labels: Object.fromEntries(this.labelNames.map((n, i) => [n, values[i] ?? ''])), counts: new Float64Array(this.buckets.length + 1), sum: 0, count: 0 };
      this.series.set(id, series);
    }
    const s = series;
    const bounds = this.buckets;
    return {
      observe: (value: number) => {
        let i = 0;
        while (i < bounds.length && value > bounds[i]!) i++;
        s.counts[i]! += 1;
        s.sum += value;
        s.count += 1;
      },
    };
  }

  get(): Promise<Exposed> {
    const values: MetricValueWithName<string>[] = [];
    for (const s of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += s.counts[i]!;
        values.push({ metricName: `${this.name}_bucket`, labels: { le: bound, ...s.labels }, value: cumulative });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { le: '+Inf', ...s.labels }, value: cumulative + s.counts[this.buckets.length]! });
      values.push({ metricName: `${this.name}_sum`, labels: s.labels, value: s.sum });
      values.push({ metricName: `${this.name}_count`, labels: s.labels, value: s.count });
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values });
  }

  /** Zeroes every series (kept: their observers are held by callers). */
  reset(): void {
    for (const s of this.series.values()) {
      s.counts.fill(0);
      s.sum = 0;
      s.count = 0;
    }
  }
}
