import { describe, expect, it } from 'vitest';
import { formatAge, formatDate, formatDateTime, formatDuration, formatRelative } from './format';

describe('formatting', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('uses a fallback for missing or broken times', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date', 'n/a')).toBe('n/a');
    expect(formatRelative(null, now, 'Never')).toBe('Never');
    expect(formatDate(undefined)).toBe('—');
  });

  it('formats a time with its date and year; the date alone is shorter', () => {
    const full = formatDateTime('2026-03-10T12:00:00Z');
    const date = formatDate('2026-03-10T12:00:00Z');
    expect(full).toMatch(/2026/);
    expect(date).toMatch(/2026/);
    expect(full.startsWith(date)).toBe(true);
    expect(full.length).toBeGreaterThan(date.length);
  });

  it('says how long ago, or how long until', () => {
    expect(formatRelative('2026-03-10T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-03-10T11:55:00Z', now)).toMatch(/5 minutes ago/);
    expect(formatRelative('2026-03-10T09:00:00Z', now)).toMatch(/3 hours ago/);
    expect(formatRelative('2026-03-13T12:00:00Z', now)).toMatch(/in 3 days/);
  });

  it('gives live ages in seconds, minutes and hours, then the date', () => {
    expect(formatAge('2026-03-10T11:59:56Z', now)).toBe('4 s ago');
    expect(formatAge('2026-03-10T12:00:03Z', now)).toBe('0 s ago');
    expect(formatAge('2026-03-10T11:48:00Z', now)).toBe('12 min ago');
    expect(formatAge('2026-03-10T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAge('2026-03-01T09:00:00Z', now)).toMatch(/2026/);
    expect(formatAge(null, now)).toBe('—');
  });

  it('formats durations in ms below a second, in seconds above', () => {
    expect(formatDuration(12.345)).toBe('12.3 ms');
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(1534)).toBe('1.53 s');
    expect(formatDuration(null)).toBe('—');
  });
});
