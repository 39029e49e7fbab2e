import type { InstanceHealthState, Source } from '@aigw/shared/admin/sources';
import { describe, expect, it } from 'vitest';
import { filterRows, parseStateFilter, rowCounts, serviceRows } from './service-list';

const instance = (id: string, state: InstanceHealthState) => ({
  id,
  url: `http://${id}.test/v1`,
  weight: 1,
  has_api_key: false,
  headers: {},
  enabled: state !== 'disabled',
  max_concurrent: null,
  health: { state, last_checked_at: null, latency_ms: null, last_error: null, consecutive_failures: 0, in_flight: 0 },
});

const source = (id: string, ...instances: ReturnType<typeof instance>[]): Source => ({
  id,
  name: `source-${id}`,
  provider: 'openai-compatible',
  capabilities: ['chat'],
  instances,
  timeout_ms: null,
  health_check: null,
  api_version: null,
  namespace_id: null,
  created_at: '',
  updated_at: '',
});

describe('service list', () => {
  const sources = [source('a', instance('a1', 'healthy'), instance('a2', 'ejected')), source('b'), source('c', instance('c1', 'healthy'))];

  it('lists every instance with its source, in order', () => {
    expect(serviceRows(sources).map((r) => [r.sourceName, r.position, r.instance.id])).toEqual([
      ['source-a', 1, 'a1'],
      ['source-a', 2, 'a2'],
      ['source-c', 1, 'c1'],
    ]);
  });

  it('filters by state and counts each state', () => {
    const rows = serviceRows(sources);
    expect(filterRows(rows, 'healthy').map((r) => r.instance.id)).toEqual(['a1', 'c1']);
    expect(filterRows(rows, 'all')).toHaveLength(3);
    expect(filterRows(rows, 'unhealthy')).toEqual([]);
    expect(rowCounts(rows)).toEqual({ healthy: 2, unknown: 0, unhealthy: 0, ejected: 1, disabled: 0 });
  });

  it('reads the filter from the address bar, ignoring unknown values', () => {
    expect(parseStateFilter('ejected')).toBe('ejected');
    expect(parseStateFilter('nonsense')).toBe('all');
    expect(parseStateFilter(null)).toBe('all');
  });
});
