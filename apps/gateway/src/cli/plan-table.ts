import type { ApplyConfigResult, ConfigChange } from '@aigw/shared/admin/config';

const ACTIONS: ConfigChange['action'][] = ['create', 'update', 'delete', 'unchanged'];

/** The plan as a table (action, kind, name, changed fields) and a one-line summary. Pure. */
export function formatPlan(result: ApplyConfigResult): string {
  const header = ['ACTION', 'KIND', 'NAME', 'CHANGED FIELDS'];
  const rows = result.changes.map((c) => [c.action, c.kind, c.name, c.fields?.join(', ') ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const counts = Object.fromEntries(ACTIONS.map((a) => [a, result.changes.filter((c) => c.action === a).length])) as Record<ConfigChange['action'], number>;
  const summary = `${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete, ${counts.unchanged} unchanged`;
  const writes = counts.create + counts.update + counts.delete;
  const verdict = result.dry_run ? `Dry run: ${summary}. Nothing was changed.` : writes ? `Applied: ${summary}.` : `Nothing to change: ${summary}.`;
  const table = rows.length ? [line(header), ...rows.map(line)].join('\n') : '(the document and the gateway have no sources or routes)';
  return `${table}\n\n${verdict}\n`;
}
