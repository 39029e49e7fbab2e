import type { UsageSummaryRow } from '@aigw/shared/admin/usage';
import { describe, expect, it } from 'vitest';
import { bucketRange, groupTotals, SERIES_COLORS, summaryChart } from './summary-chart';

const row = (group: string | null, bucket: string, requests: number, errors = 0): UsageSummaryRow => ({
  group,
  bucket,
  requests,
  errors,
  input_tokens: requests * 10,
  output_tokens: requests,
});

const H0 = '2026-03-04T10:00:00.000Z';
const H1 = '2026-03-04T11:00:00.000Z';
const H2 = '2026-03-04T12:00:00.000Z';

describe('groupTotals', () => {
  it('adds up each group over its buckets, busiest first', () => {
    expect(groupTotals([row('a', H0, 1, 1), row('b', H0, 5), row('a', H2, 2)])).toEqual([
      { group: 'b', requests: 5, errors: 0, input_tokens: 50, output_tokens: 5 },
      { group: 'a', requests: 3, errors: 1, input_tokens: 30, output_tokens: 3 },
    ]);
  });
});

describe('bucketRange', () => {
  it('fills the quiet buckets between the first and the last', () => {
    expect(bucketRange([row('a', H2, 1), row('a', H0, 1)], 'hour')).toEqual([H0, H1, H2]);
    expect(bucketRange([], 'day')).toEqual([]);
  });
});

describe('summaryChart', () => {
  it('draws one line of requests per group, zero where a group had none', () => {
    const data = summaryChart([row('a', H0, 1), row('b', H2, 4), row(null, H2, 2)], 'hour', (g) => g ?? '(none)');
    expect(data.buckets).toEqual([H0, H1, H2]);
    expect(data.intervalSeconds).toBe(3600);
    expect(data.series.map((s) => [s.name, s.values])).toEqual([
      ['b', [0, 0, 4]],
      ['(none)', [0, 0, 2]],
      ['a', [1, 0, 0]],
    ]);
  });

  it('adds the quietest groups up into "Other" when there are more groups than colours', () => {
    const groups = Array.from({ length: SERIES_COLORS.length + 2 }, (_, i) => `g${i}`);
    const data = summaryChart(
      groups.map((g, i) => row(g, H0, 100 - i)),
      'hour',
      (g) => g!,
    );
    expect(data.series).toHaveLength(SERIES_COLORS.length);
    const other = data.series.at(-1)!;
    expect(other.name).toBe('Other');
    expect(other.values).toEqual([100 - 5 + 100 - 6 + 100 - 7]);
  });
});
