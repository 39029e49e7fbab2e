import type { InstanceHealthState, Source } from '@aigw/shared/admin/sources';
import { Badge } from '../../../components/ui/Badge';
import { countStates, HEALTH_STATES, healthLook, sourceHealth, sourceHealthLook } from '../health';

export function InstanceStateBadge({ state }: { state: InstanceHealthState }) {
  const { tone, label, description } = healthLook[state];
  return (
    <span title={description}>
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}

/** A source's overall health and how many instances are in each state ("2 healthy · 1 ejected"). */
export function SourceHealthSummary({ source }: { source: Source }) {
  const overall = sourceHealthLook[sourceHealth(source)];
  const counts = countStates(source.instances);
  const parts = HEALTH_STATES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${healthLook[s].label.toLowerCase()}`);
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Badge tone={overall.tone}>{overall.label}</Badge>
      <span className="text-xs whitespace-nowrap text-neutral-500">{parts.join(' · ')}</span>
    </span>
  );
}
