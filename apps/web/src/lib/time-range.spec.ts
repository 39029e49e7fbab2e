import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso, resolveRange } from './time-range';

const now = new Date('2026-03-04T12:00:00.000Z');

describe('resolveRange', () => {
  it('ends a preset now', () => {
    expect(resolveRange({ preset: '1h' }, now)).toEqual({ ok: true, range: { from: '2026-03-04T11:00:00.000Z', to: '2026-03-04T12:00:00.000Z' } });
    expect(resolveRange({ preset: '7d' }, now)).toEqual({ ok: true, range: { from: '2026-02-25T12:00:00.000Z', to: '2026-03-04T12:00:00.000Z' } });
  });

  it('reads a custom range in local time', () => {
    const result = resolveRange({ preset: 'custom', from: '2026-03-01T08:00', to: '2026-03-02T08:30' }, now);
    expect(result).toEqual({ ok: true, range: { from: new Date(2026, 2, 1, 8, 0).toISOString(), to: new Date(2026, 2, 2, 8, 30).toISOString() } });
  });

  it('refuses a custom range that is incomplete or backwards', () => {
    expect(resolveRange({ preset: 'custom', from: '', to: '2026-03-02T08:30' }, now)).toEqual({ ok: false, error: 'Enter both a start and an end' });
    expect(resolveRange({ preset: 'custom', from: '2026-03-02T08:30', to: '2026-03-02T08:30' }, now)).toEqual({ ok: false, error: 'The start must be before the end' });
  });
});

describe('local inputs', () => {
  it('round-trips a local date-time', () => {
    expect(isoToLocalInput(localInputToIso('2026-03-04T14:05')!)).toBe('2026-03-04T14:05');
  });

  it('gives null for blank or malformed text', () => {
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('yesterday')).toBeNull();
    expect(localInputToIso('2026-13-45T99:99')).toBeNull();
  });
});
