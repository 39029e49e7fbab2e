import { describe, expect, it } from 'vitest';
import { bucketCount, bucketSeconds, bucketStarts, fillBuckets, resolveRange } from './monitoring-buckets.js';

const t = (iso: string) => new Date(iso);

describe('monitoring buckets', () => {
  it('defaults to the last hour, up to now', () => {
    const now = t('2026-01-01T12:00:00Z');
    expect(resolveRange(undefined, undefined, now)).toEqual({ from: t('2026-01-01T11:00:00Z'), to: now });
    expect(resolveRange(t('2026-01-01T10:00:00Z'), undefined, now)).toEqual({ from: t('2026-01-01T10:00:00Z'), to: now });
    expect(resolveRange(undefined, t('2026-01-01T06:00:00Z'), now)).toEqual({ from: t('2026-01-01T05:00:00Z'), to: t('2026-01-01T06:00:00Z') });
  });

  it('picks a bucket size giving at most about a hundred buckets', () => {
    const span = (hours: number) => ({ from: t('2026-01-01T00:00:00Z'), to: new Date(t('2026-01-01T00:00:00Z').getTime() + hours * 3600_000) });
    expect(bucketSeconds('auto', span(1))).toBe(60);
    expect(bucketSeconds('auto', span(6))).toBe(300);
    expect(bucketSeconds('auto', span(24))).toBe(900);
    expect(bucketSeconds('auto', span(24 * 7))).toBe(21_600);
    expect(bucketSeconds('auto', span(24 * 30))).toBe(86_400);
    expect(bucketSeconds('auto', span(24 * 365))).toBe(86_400);
    expect(bucketSeconds('5m', span(24 * 365))).toBe(300);
  });

  it('aligns buckets to the step and covers the whole range', () => {
    const range = { from: t('2026-01-01T00:02:30Z'), to: t('2026-01-01T00:05:00Z') };
    expect(bucketStarts(range, 60).map((ms) => new Date(ms).toISOString())).toEqual([
      '2026-01-01T00:02:00.000Z',
      '2026-01-01T00:03:00.000Z',
      '2026-01-01T00:04:00.000Z',
    ]);
    expect(bucketCount(range, 60)).toBe(3);
  });

  it('fills the buckets the database had no rows for', () => {
    const starts = [0, 60_000, 120_000];
    const rows = new Map([[60_000, { bucket: '1970-01-01T00:01:00.000Z', n: 4 }]]);
    expect(fillBuckets(starts, rows, (bucket) => ({ bucket, n: 0 }))).toEqual([
      { bucket: '1970-01-01T00:00:00.000Z', n: 0 },
      { bucket: '1970-01-01T00:01:00.000Z', n: 4 },
      { bucket: '1970-01-01T00:02:00.000Z', n: 0 },
    ]);
  });
});
