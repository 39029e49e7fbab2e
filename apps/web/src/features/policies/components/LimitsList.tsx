import type { Limits } from '@aigw/shared/admin/limits';
import { limitLabel, setLimits } from '../limits-form';

/** A subject's limits, one per line; "Unlimited" without any. */
export function LimitsList({ limits }: { limits: Limits }) {
  const entries = setLimits(limits);
  if (entries.length === 0) return <span className="text-neutral-400">Unlimited</span>;
  return (
    <ul className="flex flex-col gap-0.5 text-xs">
      {entries.map(([name, value]) => (
        <li key={name} className="whitespace-nowrap">
          <span className="text-neutral-500">{limitLabel(name)}:</span> <span className="font-medium text-neutral-800 tabular-nums">{typeof value === 'number' ? value.toLocaleString() : value}</span>
        </li>
      ))}
    </ul>
  );
}
