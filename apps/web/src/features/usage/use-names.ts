import type { UsageGroupBy } from '@aigw/shared/admin/usage';
import { useQuery } from '@tanstack/react-query';
import { namespaceListOptions } from '../namespaces/queries';
import { sourceListOptions } from '../sources/queries';
import { allKeysOptions } from './queries';

/** Names for the ids usage records carry; an id not (or not yet) known shows as itself. */
export function useNames() {
  const keys = useQuery(allKeysOptions());
  const namespaces = useQuery(namespaceListOptions());
  const sources = useQuery(sourceListOptions());
  const byId = (items: { id: string; name: string }[] | undefined) => new Map((items ?? []).map((item) => [item.id, item.name]));
  const maps = { key: byId(keys.data), namespace: byId(namespaces.data), source: byId(sources.data) };
  const nameOf = (kind: 'key' | 'namespace' | 'source', id: string | null) => (id === null ? null : (maps[kind].get(id) ?? id));
  /** A summary group's label: names for ids, the model as it is, "(none)" for records without one. */
  const groupLabel = (groupBy: UsageGroupBy, group: string | null) => (group === null ? '(none)' : groupBy === 'model' ? group : (nameOf(groupBy, group) ?? group));
  return { keys: keys.data ?? [], namespaces: namespaces.data ?? [], nameOf, groupLabel };
}
