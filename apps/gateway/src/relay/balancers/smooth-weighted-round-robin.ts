import type { Balancer, PickContext } from './balancer.js';

/**
 * Smooth weighted round robin (as nginx does it): over any window of `sum(weights)` picks each
 * candidate is chosen `weight` times, spread out rather than in bursts. Candidates that cannot
 * take a request are skipped without disturbing the others' shares.
 */
export class SmoothWeightedRoundRobin implements Balancer {
  private readonly current: number[];

  constructor(private readonly weights: readonly number[]) {
    this.current = weights.map(() => 0);
  }

  pick(context: Pick<PickContext, 'usable'>): number | undefined {
    let best = -1;
    let total = 0;
    for (let i = 0; i < this.weights.length; i++) {
      const weight = this.weights[i]!;
      if (weight <= 0 || !context.usable(i)) continue;
      this.current[i]! += weight;
      total += weight;
      if (best < 0 || this.current[i]! > this.current[best]!) best = i;
    }
    if (best < 0) return undefined;
    this.current[best]! -= total;
    return best;
  }
}
