import type { InstanceHealthState, SourceInstance } from '@aigw/shared/admin/sources';
import type { BadgeTone } from '../../components/ui/Badge';

export const HEALTH_STATES: readonly InstanceHealthState[] = ['healthy', 'unknown', 'unhealthy', 'ejected', 'disabled'];

export const healthLook: Record<InstanceHealthState, { tone: BadgeTone; label: string; description: string }> = {
  healthy: { tone: 'green', label: 'Healthy', description: 'Answering' },
  unknown: { tone: 'neutral', label: 'Unknown', description: 'Not checked yet' },
  unhealthy: { tone: 'amber', label: 'Unhealthy', description: 'Failing, still tried' },
  ejected: { tone: 'red', label: 'Ejected', description: 'Out of rotation until its cooldown ends' },
  disabled: { tone: 'neutral', label: 'Disabled', description: 'Switched off' },
};

export type StateCounts = Record<InstanceHealthState, number>;

export function countStates(instances: readonly Pick<SourceInstance, 'health'>[]): StateCounts {
  const counts: StateCounts = { healthy: 0, unknown: 0, unhealthy: 0, ejected: 0, disabled: 0 };
  for (const i of instances) counts[i.health.state] += 1;
  return counts;
}

export type SourceHealth = 'healthy' | 'degraded' | 'down' | 'unknown' | 'disabled';

/**
 * A source as `/health/all` judges it: healthy when every enabled instance serves (healthy or not
 * yet checked), degraded when some do, down when none does; disabled when no instance is enabled.
 * Unlike `/health/all`, a source none of whose instances has been checked yet is "unknown".
 */
export function sourceHealth(source: { instances: readonly Pick<SourceInstance, 'health'>[] }): SourceHealth {
  const counts = countStates(source.instances);
  const enabled = source.instances.length - counts.disabled;
  if (enabled === 0) return 'disabled';
  const serving = counts.healthy + counts.unknown;
  if (counts.unknown === enabled) return 'unknown';
  return serving === 0 ? 'down' : serving < enabled ? 'degraded' : 'healthy';
}

export const sourceHealthLook: Record<SourceHealth, { tone: BadgeTone; label: string }> = {
  healthy: { tone: 'green', label: 'Healthy' },
  degraded: { tone: 'amber', label: 'Degraded' },
  down: { tone: 'red', label: 'Down' },
  unknown: { tone: 'neutral', label: 'Not checked yet' },
  disabled: { tone: 'neutral', label: 'Disabled' },
};
