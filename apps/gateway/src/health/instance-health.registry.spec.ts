import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_POLICY, InstanceHealthRegistry } from './instance-health.registry.js';

describe('InstanceHealthRegistry', () => {
  let now = 0;
  const make = () => {
    now = 1_000_000;
    return new InstanceHealthRegistry(() => now);
  };
  const policy = DEFAULT_HEALTH_POLICY;

  it('ejects after consecutive failures, then admits one trial after the cooldown', () => {
    const health = make();
    health.recordFailure('i', 5, 'boom', policy);
    health.recordFailure('i', 5, 'boom', policy);
    expect(health.usable('i', policy)).toBe(true);
    health.recordFailure('i', 5, 'boom', policy);
    expect(health.usable('i', policy)).toBe(false);
    expect(health.view('i')).toMatchObject({ state: 'ejected', consecutive_failures: 3, last_error: 'boom' });

    now += 5_000;
    expect(health.usable('i', policy)).toBe(true);
    health.acquire('i');
    // while the trial is out, nobody else goes there
    expect(health.usable('i', policy)).toBe(false);
    health.release('i');
    health.recordSuccess('i', 3);
    expect(health.usable('i', policy)).toBe(true);
    expect(health.view('i')).toMatchObject({ state: 'healthy', consecutive_failures: 0 });
  });

  it('doubles the cooldown when the trial fails', () => {
    const health = make();
    for (let i = 0; i < 3; i++) health.recordFailure('i', 1, 'x', policy);
    now += 5_000;
    health.acquire('i');
    health.release('i');
    health.recordFailure('i', 1, 'still down', policy);
    now += 9_999;
    expect(health.usable('i', policy)).toBe(false);
    now += 1;
    expect(health.usable('i', policy)).toBe(true);
  });

  it('caps requests in flight at max_concurrent', () => {
    const health = make();
    const capped = { ...policy, maxConcurrent: 2 };
    health.acquire('i');
    health.acquire('i');
    expect(health.usable('i', capped)).toBe(false);
    expect(health.view('i').in_flight).toBe(2);
    health.release('i');
    expect(health.usable('i', capped)).toBe(true);
  });

  it('lets probes eject and restore an instance', () => {
    const health = make();
    const probed = { ...policy, unhealthyThreshold: 2, healthyThreshold: 2 };
    health.recordProbe('i', false, 1, 'connection refused', probed);
    health.recordProbe('i', false, 1, 'connection refused', probed);
    expect(health.usable('i', probed)).toBe(false);
    health.recordProbe('i', true, 1, null, probed);
    expect(health.view('i').state).toBe('ejected');
    health.recordProbe('i', true, 1, null, probed);
    expect(health.usable('i', probed)).toBe(true);
    expect(health.view('i').state).toBe('healthy');
  });
});
