import { describe, expect, it } from 'vitest';
import { LeastConnections } from './least-connections.js';

describe('LeastConnections', () => {
  it('sends each request to the candidate with the fewest in flight per weight', () => {
    const inFlight = [0, 0, 0];
    const balancer = new LeastConnections([2, 1, 1]);
    const context = { usable: () => true, inFlight: (i: number) => inFlight[i]! };
    // Requests that never finish: the weight-2 candidate ends up holding twice as many.
    for (let r = 0; r < 40; r++) inFlight[balancer.pick(context)!]! += 1;
    expect(inFlight).toEqual([20, 10, 10]);
  });

  it('moves away from a slow candidate as its requests pile up', () => {
    const inFlight = [5, 0];
    const balancer = new LeastConnections([1, 1]);
    expect(balancer.pick({ usable: () => true, inFlight: (i) => inFlight[i]! })).toBe(1);
    expect(balancer.pick({ usable: (i) => i === 0, inFlight: (i) => inFlight[i]! })).toBe(0);
    expect(balancer.pick({ usable: () => false, inFlight: () => 0 })).toBeUndefined();
  });
});
