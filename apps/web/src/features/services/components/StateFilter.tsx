import type { StateCounts } from '../../sources/health';
import { HEALTH_STATES, healthLook } from '../../sources/health';
import { cn } from '../../../lib/cn';
import type { StateFilter as Filter } from '../service-list';

/** All / Healthy / Unknown / … buttons with counts; the pressed one is the filter. */
export function StateFilter({ value, counts, total, onChange }: { value: Filter; counts: StateCounts; total: number; onChange: (next: Filter) => void }) {
  const options: Array<{ value: Filter; label: string; count: number }> = [
    { value: 'all', label: 'All', count: total },
    ...HEALTH_STATES.map((s) => ({ value: s, label: healthLook[s].label, count: counts[s] })),
  ];
  return (
    <div role="group" aria-label="Filter by state" className="flex flex-wrap gap-1.5">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={value === o.value}
          onClick={() => onChange(o.value)}
          className={cn(
            'inline-flex h-8 items-center gap-1.5 rounded-md border px-2.5 text-xs font-medium transition-colors',
            'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-neutral-500',
            value === o.value ? 'border-neutral-900 bg-neutral-900 text-white' : 'border-neutral-300 bg-white text-neutral-700 hover:bg-neutral-50',
          )}
        >
          {o.label}
          <span className={cn('tabular-nums', value === o.value ? 'text-neutral-300' : 'text-neutral-400')}>{o.count}</span>
        </button>
      ))}
    </div>
  );
}
