import type { ConfigChange } from '@aigw/shared/admin/config';
import type { ConfigFormat } from './api';

export type ChangeAction = ConfigChange['action'];
export type ChangeKind = ConfigChange['kind'];

export const ACTIONS: readonly ChangeAction[] = ['create', 'update', 'delete', 'unchanged'];

export interface PlanGroup {
  kind: ChangeKind;
  title: string;
  changes: ConfigChange[];
}

export interface Plan {
  counts: Record<ChangeAction, number>;
  /** Sources, then routes; a kind without changes is left out. Changes keep the order they are made in. */
  groups: PlanGroup[];
  /** Anything to create, update or delete. */
  changesSomething: boolean;
}

const titles: Record<ChangeKind, string> = { source: 'Sources', route: 'Routes' };

export function groupPlan(changes: readonly ConfigChange[]): Plan {
  const counts: Record<ChangeAction, number> = { create: 0, update: 0, delete: 0, unchanged: 0 };
  for (const c of changes) counts[c.action] += 1;
  const groups = (['source', 'route'] as const)
    .map((kind) => ({ kind, title: titles[kind], changes: changes.filter((c) => c.kind === kind) }))
    .filter((g) => g.changes.length > 0);
  return { counts, groups, changesSomething: counts.create + counts.update + counts.delete > 0 };
}

const verbs: Record<ChangeAction, [string, string]> = {
  create: ['to create', 'created'],
  update: ['to update', 'updated'],
  delete: ['to delete', 'deleted'],
  unchanged: ['unchanged', 'unchanged'],
};

/** "1 to create · 2 to update · 3 unchanged" (or "created", "updated" once applied); zero counts left out. */
export function summarizePlan(counts: Record<ChangeAction, number>, applied: boolean): string {
  const parts = ACTIONS.filter((a) => counts[a] > 0).map((a) => `${counts[a]} ${verbs[a][applied ? 1 : 0]}`);
  return parts.length > 0 ? parts.join(' · ') : 'The document names no sources or routes';
}

/** `aigw-config-2026-03-10.yaml` and its type, for the download. */
export function exportFile(format: ConfigFormat, now: Date = new Date()): { name: string; type: string } {
  const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return { name: `aigw-config-${date}.${format}`, type: format === 'yaml' ? 'application/yaml' : 'application/json' };
}
