import type { LatencyPoint, MonitoringSeries, MonitoringTop, TrafficPoint } from '@aigw/shared/admin/monitoring';
import { describe, expect, it } from 'vitest';
import { latencyChart, topItems, trafficChart } from './chart-data';

const range = { from: '2026-03-04T12:00:00Z', to: '2026-03-04T12:02:00Z', interval_seconds: 60 };
const none = { p50_ms: null, p90_ms: null, p99_ms: null };

describe('trafficChart', () => {
  it('draws requests and errors per bucket, with totals in the legend', () => {
    const response: MonitoringSeries<TrafficPoint> = {
      ...range,
      data: [
        { bucket: '2026-03-04T12:00:00Z', requests: 1200, errors: 3, server_errors: 1 },
        { bucket: '2026-03-04T12:01:00Z', requests: 5, errors: 0, server_errors: 0 },
      ],
    };
    const data = trafficChart(response);
    expect(data.buckets).toEqual(['2026-03-04T12:00:00Z', '2026-03-04T12:01:00Z']);
    expect(data.intervalSeconds).toBe(60);
    expect(data.series.map((s) => [s.name, s.values, s.summary])).toEqual([
      ['Requests', [1200, 5], `${(1205).toLocaleString()} total`],
      ['Errors', [3, 0], '3 total'],
    ]);
  });
});

describe('latencyChart', () => {
  it('draws the three percentiles of the measure asked for, with gaps where a bucket had no request', () => {
    const response: MonitoringSeries<LatencyPoint> = {
      ...range,
      data: [
        { bucket: '2026-03-04T12:00:00Z', requests: 2, latency: { p50_ms: 10, p90_ms: 20, p99_ms: 30 }, ttft: { p50_ms: 4, p90_ms: 5, p99_ms: 6 } },
        { bucket: '2026-03-04T12:01:00Z', requests: 0, latency: none, ttft: none },
      ],
    };
    expect(latencyChart(response, 'ttft').series.map((s) => [s.name, s.values])).toEqual([
      ['p50', [4, null]],
      ['p90', [5, null]],
      ['p99', [6, null]],
    ]);
    expect(latencyChart(response, 'latency').series[2]!.values).toEqual([30, null]);
  });
});

describe('topItems', () => {
  it('labels entries by name, then id, then "(none)"', () => {
    const top: MonitoringTop = {
      from: range.from,
      to: range.to,
      by: 'key',
      data: [
        { id: 'k1', name: 'billing', requests: 9, errors: 1, input_tokens: 10, output_tokens: 5 },
        { id: 'k2', name: null, requests: 3, errors: 2, input_tokens: 0, output_tokens: 0 },
        { id: null, name: null, requests: 1, errors: 0, input_tokens: 0, output_tokens: 0 },
      ],
    };
    expect(topItems(top)).toEqual([
      { key: 'k1', label: 'billing', value: 9, detail: '1 error · 15 tokens' },
      { key: 'k2', label: 'k2', value: 3, detail: '2 errors · 0 tokens' },
      { key: 'none-2', label: '(none)', value: 1, detail: '0 errors · 0 tokens' },
    ]);
  });
});
