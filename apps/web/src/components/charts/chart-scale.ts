/** The pure geometry of the dashboard's charts: axis ranges, ticks and SVG paths. */

/** A round number at or above `max` (1, 2, 2.5 or 5 times a power of ten), so ticks read well; 1 for an empty chart. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= max) ?? 10;
  return step * power;
}

/** `count + 1` evenly spaced values from 0 to `top`, inclusive. */
export function ticks(top: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
}

export interface Point {
  x: number;
  y: number;
}

/**
 * An SVG path through the points; a null value breaks the line (a bucket without data). A point
 * alone between gaps is a move only: draw it as a dot (see isolatedPoints).
 */
export function linePath(values: readonly (number | null)[], x: (index: number) => number, y: (value: number) => number): string {
  const parts: string[] = [];
  let open = false;
  values.forEach((value, index) => {
    if (value === null) {
      open = false;
      return;
    }
    const px = round(x(index));
    const py = round(y(value));
    parts.push(`${open ? 'L' : 'M'}${px},${py}`);
    open = true;
  });
  return parts.join('');
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Compact numbers for axes and legends: 950, 1.2k, 3.4M. */
export function formatCompact(value: number): string {
  return compact.format(value);
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * A bucket's start as an axis label: the date for day buckets; the date and time when the chart
 * spans more than a day (`spanSeconds`); the time of day otherwise.
 */
export function formatBucket(iso: string, intervalSeconds: number, spanSeconds: number): string {
  const date = new Date(iso);
  if (intervalSeconds >= 24 * 3600) return dayFormat.format(date);
  return spanSeconds > 24 * 3600 ? dayTimeFormat.format(date) : timeFormat.format(date);
}

/** The indexes of values with no value on either side: a line cannot show them, a dot can. */
export function isolatedPoints(values: readonly (number | null)[]): number[] {
  return values.flatMap((value, i) => (value !== null && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null ? [i] : []));
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
