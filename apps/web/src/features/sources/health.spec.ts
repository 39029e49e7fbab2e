import type { InstanceHealthState } from '@aigw/shared/admin/sources';
import { describe, expect, it } from 'vitest';
import { countStates, sourceHealth } from './health';

const inst = (state: InstanceHealthState) => ({ health: { state, last_checked_at: null, latency_ms: null, last_error: null, consecutive_failures: 0, in_flight: 0 } });
const source = (...states: InstanceHealthState[]) => ({ instances: states.map(inst) });

describe('source health', () => {
  it('counts instances by state', () => {
    expect(countStates(source('healthy', 'ejected', 'healthy').instances)).toEqual({ healthy: 2, unknown: 0, unhealthy: 0, ejected: 1, disabled: 0 });
  });

  it('judges a source like /health/all: unknown counts as serving, disabled ones do not count', () => {
    expect(sourceHealth(source('healthy', 'unknown'))).toBe('healthy');
    expect(sourceHealth(source('unknown', 'unknown', 'disabled'))).toBe('unknown');
    expect(sourceHealth(source('unknown', 'ejected'))).toBe('degraded');
    expect(sourceHealth(source('healthy', 'disabled'))).toBe('healthy');
    expect(sourceHealth(source('healthy', 'ejected'))).toBe('degraded');
    expect(sourceHealth(source('unhealthy', 'ejected'))).toBe('down');
    expect(sourceHealth(source('disabled'))).toBe('disabled');
    expect(sourceHealth(source())).toBe('disabled');
  });
});
