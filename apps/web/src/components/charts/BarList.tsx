export interface BarListItem {
  key: string;
  label: string;
  value: number;
  /** Shown after the value ("3 errors"). */
  detail?: string;
}

/** A ranked list with a bar per item, proportional to the largest value. */
export function BarList({ title, items, formatValue }: { title: string; items: BarListItem[]; formatValue: (value: number) => string }) {
  const max = Math.max(1, ...items.map((item) => item.value));
  return (
    <ol aria-label={title} className="flex flex-col gap-2">
      {items.map((item) => (
        <li key={item.key} className="relative overflow-hidden rounded-md px-2.5 py-1.5 text-sm">
          <span aria-hidden className="absolute inset-y-0 left-0 bg-blue-100" style={{ width: `${(item.value / max) * 100}%` }} />
          <span className="relative flex items-center justify-between gap-3">
            <span className="truncate font-medium text-neutral-800" title={item.label}>
              {item.label}
            </span>
            <span className="shrink-0 text-neutral-600 tabular-nums">
              {formatValue(item.value)}
              {item.detail ? <span className="ml-2 text-xs text-neutral-500">{item.detail}</span> : null}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}
