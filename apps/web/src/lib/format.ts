const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "Mar 4, 2026, 2:05 PM" in the viewer's locale and time zone; `fallback` for null. */
export function formatDateTime(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? fallback : dateTime.format(date);
}

/** "Mar 4, 2026" in the viewer's locale and time zone; `fallback` for null. */
export function formatDate(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? fallback : dateOnly.format(date);
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago", "in 3 days", "just now"; `fallback` for null. */
export function formatRelative(iso: string | null | undefined, now: Date = new Date(), fallback = '—'): string {
  if (!iso) return fallback;
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return fallback;
  const seconds = Math.round((at - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / 60), 'minute');
}

/** "4 s ago", "12 min ago", "3 h ago", then the date: for live status that changes by the second. */
export function formatAge(iso: string | null | undefined, now: Date = new Date(), fallback = '—'): string {
  if (!iso) return fallback;
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return fallback;
  const seconds = Math.max(0, Math.round((now.getTime() - at) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 24 * 3600) return `${Math.floor(seconds / 3600)} h ago`;
  return formatDateTime(iso, fallback);
}

/** 12.345 -> "12.3 ms", 1534 -> "1.53 s"; `fallback` for null. */
export function formatDuration(ms: number | null | undefined, fallback = '—'): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return fallback;
  if (ms < 1000) return `${Math.round(ms * 10) / 10} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
