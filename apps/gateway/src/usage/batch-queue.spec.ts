import { describe, expect, it } from 'vitest';
import { BatchQueue } from './batch-queue.js';

describe('BatchQueue', () => {
  it('hands out items in order, a batch at a time', () => {
    const q = new BatchQueue<number>(3, 100);
    for (let i = 1; i <= 7; i++) q.push(i);
    expect(q.size).toBe(7);
    expect(q.hasFullBatch).toBe(true);
    expect(q.take()).toEqual([1, 2, 3]);
    expect(q.take()).toEqual([4, 5, 6]);
    expect(q.hasFullBatch).toBe(false);
    expect(q.take()).toEqual([7]);
    expect(q.take()).toBeUndefined();
    expect(q.size).toBe(0);
  });

  it('starts a new batch after a partial one was taken', () => {
    const q = new BatchQueue<number>(3, 100);
    q.push(1);
    const taken = q.take()!;
    q.push(2);
    expect(taken).toEqual([1]);
    expect(q.take()).toEqual([2]);
  });

  it('refuses items past capacity', () => {
    const q = new BatchQueue<number>(2, 3);
    expect([1, 2, 3, 4].map((i) => q.push(i))).toEqual([true, true, true, false]);
    expect(q.size).toBe(3);
  });

  it('puts a failed batch back in front', () => {
    const q = new BatchQueue<number>(2, 10);
    [1, 2, 3].forEach((i) => q.push(i));
    const first = q.take()!;
    q.push(4);
    q.putBack(first);
    expect(q.size).toBe(4);
    expect([q.take(), q.take()]).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});
