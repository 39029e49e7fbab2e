import type { Balancer, PickContext } from './balancer.js';

/** Picks at random, each usable candidate with probability proportional to its weight. */
export class WeightedRandom implements Balancer {
  constructor(
    private readonly weights: readonly number[],
    private readonly random: () => number = Math.random,
  ) {}

  pick(context: Pick<PickContext, 'usable'>): number | undefined {
    let total = 0;
    for (let i = 0; i < this.weights.length; i++) if (this.weights[i]! > 0 && context.usable(i)) total += this.weights[i]!;
    if (total <= 0) return undefined;
    let point = this.random() * total;
    let last: number | undefined;
    for (let i = 0; i < this.weights.length; i++) {
      if (this.weights[i]! <= 0 || !context.usable(i)) continue;
      last = i;
      point -= this.weights[i]!;
      if (point < 0) return i;
    }
    return last; // floating-point remainder
  }
}
