/** Time ranges as the pages pick them (a preset or two local date-times) and as the API takes them (ISO 8601 UTC). */

export type RangePreset = '1h' | '24h' | '7d';

export const RANGE_PRESETS: ReadonlyArray<{ preset: RangePreset; label: string; ms: number }> = [
  { preset: '1h', label: 'Last hour', ms: 3600_000 },
  { preset: '24h', label: 'Last 24 hours', ms: 24 * 3600_000 },
  { preset: '7d', label: 'Last 7 days', ms: 7 * 24 * 3600_000 },
];

/** A custom range holds `datetime-local` input values (the viewer's time zone). */
export type TimeRangeChoice = { preset: RangePreset } | { preset: 'custom'; from: string; to: string };

export interface ResolvedRange {
  from: string;
  to: string;
}

export type RangeResult = { ok: true; range: ResolvedRange } | { ok: false; error: string };

/** A `datetime-local` value ("2026-03-04T14:05") -> ISO 8601 UTC; null for a blank or invalid value. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value.trim())) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** ISO 8601 -> a `datetime-local` value in the viewer's time zone, to the minute. */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The choice as absolute times: presets end `now`; a custom range must be two valid times in order. */
export function resolveRange(choice: TimeRangeChoice, now: Date = new Date()): RangeResult {
  if (choice.preset !== 'custom') {
    const ms = RANGE_PRESETS.find((p) => p.preset === choice.preset)!.ms;
    return { ok: true, range: { from: new Date(now.getTime() - ms).toISOString(), to: now.toISOString() } };
  }
  const from = localInputToIso(choice.from);
  const to = localInputToIso(choice.to);
  if (!from || !to) return { ok: false, error: 'Enter both a start and an end' };
  if (from >= to) return { ok: false, error: 'The start must be before the end' };
  return { ok: true, range: { from, to } };
}
