import { describe, expect, it } from 'vitest';
import { exportFile, groupPlan, summarizePlan } from './plan';

describe('config plan', () => {
  const changes = [
    { kind: 'source' as const, name: 'openai', action: 'unchanged' as const },
    { kind: 'route' as const, name: 'gpt', action: 'update' as const, fields: ['targets', 'strategy'] },
    { kind: 'source' as const, name: 'local', action: 'create' as const },
    { kind: 'route' as const, name: 'old', action: 'delete' as const },
    { kind: 'route' as const, name: 'new', action: 'create' as const },
  ];

  it('groups sources then routes, keeping the order of the changes, and counts each action', () => {
    const plan = groupPlan(changes);
    expect(plan.groups.map((g) => [g.title, g.changes.map((c) => c.name)])).toEqual([
      ['Sources', ['openai', 'local']],
      ['Routes', ['gpt', 'old', 'new']],
    ]);
    expect(plan.counts).toEqual({ create: 2, update: 1, delete: 1, unchanged: 1 });
    expect(plan.changesSomething).toBe(true);
  });

  it('leaves out empty kinds and knows when nothing would change', () => {
    const plan = groupPlan([{ kind: 'route', name: 'a', action: 'unchanged' }]);
    expect(plan.groups.map((g) => g.kind)).toEqual(['route']);
    expect(plan.changesSomething).toBe(false);
    expect(groupPlan([])).toEqual({ counts: { create: 0, update: 0, delete: 0, unchanged: 0 }, groups: [], changesSomething: false });
  });

  it('summarizes a preview and a result', () => {
    const { counts } = groupPlan(changes);
    expect(summarizePlan(counts, false)).toBe('2 to create · 1 to update · 1 to delete · 1 unchanged');
    expect(summarizePlan(counts, true)).toBe('2 created · 1 updated · 1 deleted · 1 unchanged');
    expect(summarizePlan(groupPlan([]).counts, false)).toBe('The document names no sources or routes');
  });

  it('names the export file by date and format', () => {
    const now = new Date(2026, 2, 5, 10, 0);
    expect(exportFile('yaml', now)).toEqual({ name: 'aigw-config-2026-03-05.yaml', type: 'application/yaml' });
    expect(exportFile('json', now)).toEqual({ name: 'aigw-config-2026-03-05.json', type: 'application/json' });
  });
});
