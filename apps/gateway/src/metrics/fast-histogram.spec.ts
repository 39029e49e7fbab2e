import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FastHistogram } from './fast-histogram.js';

const BUCKETS = [0.01, 0.1, 1, 10];
const OBSERVED: Array<[string, string, number]> = [
  ['chat', 'gpt-4o', 0.005],
  ['chat', 'gpt-4o', 0.1],
  ['chat', 'gpt-4o', 0.5],
  ['chat', 'gpt-4o', 42],
  ['embeddings', 'bge "large"', 0.05],
];

describe('FastHistogram', () => {
  it('exposes exactly what prom-client\'s Histogram exposes for the same observations', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const fast = new FastHistogram('req_seconds', 'Request time', ['op', 'model'], BUCKETS, ours);
    const reference = new Histogram({ name: 'req_seconds', help: 'Request time', labelNames: ['op', 'model'], buckets: BUCKETS, registers: [theirs] });
    for (const [op, model, value] of OBSERVED) {
      fast.labels(op, model).observe(value);
      reference.labels(op, model).observe(value);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('keeps a series once made, and reset zeroes it without losing its observers', async () => {
    const registry = new Registry();
    const fast = new FastHistogram('t', 'T', ['a'], BUCKETS, registry);
    const series = fast.labels('x');
    series.observe(1);
    fast.reset();
    series.observe(0.5);
    expect(await registry.metrics()).toContain('t_count{a="x"} 1');
    expect(await registry.metrics()).toContain('t_sum{a="x"} 0.5');
  });
});
