import type { Balancer, PickContext } from './balancer.js';
import { SmoothWeightedRoundRobin } from './smooth-weighted-round-robin.js';

/**
 * Weighted least connections: the usable candidate with the fewest requests in flight per unit of
 * weight; ties are broken by smooth weighted round robin so equal candidates share evenly.
 */
export class LeastConnections implements Balancer {
  private readonly tieBreak: SmoothWeightedRoundRobin;

  constructor(private readonly weights: readonly number[]) {
    this.tieBreak = new SmoothWeightedRoundRobin(weights);
  }

  pick(context: Pick<PickContext, 'usable' | 'inFlight'>): number | undefined {
    let best = Infinity;
    for (let i = 0; i < this.weights.length; i++) {
      if (this.weights[i]! <= 0 || !context.usable(i)) continue;
      best = Math.min(best, context.inFlight(i) / this.weights[i]!);
    }
    if (best === Infinity) return undefined;
    return this.tieBreak.pick({ usable: (i) => this.weights[i]! > 0 && context.usable(i) && context.inFlight(i) / this.weights[i]! === best });
  }
}
