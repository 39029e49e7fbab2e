import { describe, expect, it } from 'vitest';
import { formatPlan } from './plan-table.js';

describe('formatPlan', () => {
  it('prints one aligned row per change and a summary', () => {
    const text = formatPlan({
      dry_run: true,
      changes: [
        { kind: 'source', name: 'openai', action: 'create' },
        { kind: 'source', name: 'vllm-pool', action: 'update', fields: ['timeout_ms', 'instances'] },
        { kind: 'route', name: 'gpt', action: 'unchanged' },
        { kind: 'route', name: 'old', action: 'delete' },
      ],
    });
    expect(text).toBe(
      [
        'ACTION     KIND    NAME       CHANGED FIELDS',
        'create     source  openai',
        'update     source  vllm-pool  timeout_ms, instances',
        'unchanged  route   gpt',
        'delete     route   old',
        '',
        'Dry run: 1 to create, 1 to update, 1 to delete, 1 unchanged. Nothing was changed.',
        '',
      ].join('\n'),
    );
  });

  it('says when a real apply had nothing to do', () => {
    expect(formatPlan({ dry_run: false, changes: [{ kind: 'route', name: 'gpt', action: 'unchanged' }] })).toMatch(/Nothing to change: 0 to create, 0 to update, 0 to delete, 1 unchanged\.\n$/);
    expect(formatPlan({ dry_run: false, changes: [{ kind: 'route', name: 'gpt', action: 'create' }] })).toMatch(/Applied: 1 to create/);
  });
});
