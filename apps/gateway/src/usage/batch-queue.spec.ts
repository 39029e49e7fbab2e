import { describe, expect, it } from 'vitest';
import { BatchQueue, type Batch } from './batch-queue.js';

class Items implements Batch<number> {
  readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  add(item: number): void {
    this.items.push(item);
  }
}

const queue = (batchSize: number, capacity: number) => new BatchQueue<number, Items>(() => new Items(), batchSize, capacity);

describe('BatchQueue', () => {
  it('hands out items in order, a batch at a time', () => {
    const q = queue(3, 100);
    for (let i = 1; i <= 7; i++) q.push(i);
    expect(q.size).toBe(7);
    expect(q.hasFullBatch).toBe(true);
    expect(q.take()?.items).toEqual([1, 2, 3]);
    expect(q.take()?.items).toEqual([4, 5, 6]);
    expect(q.hasFullBatch).toBe(false);
    expect(q.take()?.items).toEqual([7]);
    expect(q.take()).toBeUndefined();
    expect(q.size).toBe(0);
  });

  it('starts a new batch after a partial one was taken', () => {
    const q = queue(3, 100);
    q.push(1);
    const taken = q.take()!;
    q.push(2);
    expect(taken.items).toEqual([1]);
    expect(q.take()?.items).toEqual([2]);
  });

  it('refuses items past capacity', () => {
    const q = queue(2, 3);
    expect([1, 2, 3, 4].map((i) => q.push(i))).toEqual([true, true, true, false]);
    expect(q.size).toBe(3);
  });

  it('puts failed batches back in front, in their order', () => {
    const q = queue(2, 10);
    [1, 2, 3, 4, 5].forEach((i) => q.push(i));
    const first = q.take()!;
    const second = q.take()!;
    q.push(6);
    q.putBack([first, second]);
    expect(q.size).toBe(6);
    expect([q.take(), q.take(), q.take()].map((b) => b?.items)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });
});
