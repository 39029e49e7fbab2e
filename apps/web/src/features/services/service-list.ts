import type { InstanceHealthState, Provider, Source, SourceInstance } from '@aigw/shared/admin/sources';
import { countStates, HEALTH_STATES, type StateCounts } from '../sources/health';

/** One row of the service list: an instance with the source it belongs to. */
export interface ServiceRow {
  sourceId: string;
  sourceName: string;
  provider: Provider;
  /** 1-based position within its source. */
  position: number;
  instance: SourceInstance;
}

export type StateFilter = InstanceHealthState | 'all';

/** Every instance of every source, sources in list order, instances in their order. */
export function serviceRows(sources: readonly Source[]): ServiceRow[] {
  return sources.flatMap((s) => s.instances.map((instance, i) => ({ sourceId: s.id, sourceName: s.name, provider: s.provider, position: i + 1, instance })));
}

export const filterRows = (rows: readonly ServiceRow[], state: StateFilter): ServiceRow[] => (state === 'all' ? [...rows] : rows.filter((r) => r.instance.health.state === state));

export const rowCounts = (rows: readonly ServiceRow[]): StateCounts => countStates(rows.map((r) => r.instance));

/** A `?state=` value from the address bar, or 'all' when it is not a state. */
export function parseStateFilter(value: string | null): StateFilter {
  return HEALTH_STATES.includes(value as InstanceHealthState) ? (value as InstanceHealthState) : 'all';
}
