/** A batch of a queue: it counts what it holds and takes one more item. */
export interface Batch<T> {
  readonly size: number;
  add(item: T): void;
}

/**
 * A bounded FIFO of items kept as batches of at most `batchSize` (made by `newBatch`): pushing is
 * O(1), and the writer takes a whole batch at a time (and puts it back at the front when the write
 * failed).
 */
export class BatchQueue<T, B extends Batch<T>> {
  private readonly batches: B[] = [];
  private count = 0;

  constructor(
    private readonly newBatch: () => B,
    readonly batchSize: number,
    readonly capacity: number,
  ) {}

  /** Items waiting (not counting a batch taken and not yet put back). */
  get size(): number {
    return this.count;
  }

  /** Batches waiting, the last one possibly still filling. */
  get batchCount(): number {
    return this.batches.length;
  }

  /** Is the oldest batch full (worth writing now rather than at the next tick)? */
  get hasFullBatch(): boolean {
    return (this.batches[0]?.size ?? 0) >= this.batchSize;
  }

  /** False, and the item is not kept, when the queue is at capacity. */
  push(item: T): boolean {
    if (this.count >= this.capacity) return false;
    let tail = this.batches[this.batches.length - 1];
    if (!tail || tail.size >= this.batchSize) {
      tail = this.newBatch();
      this.batches.push(tail);
    }
    tail.add(item);
    this.count += 1;
    return true;
  }

  /** The oldest batch, removed: later pushes go to a new one. */
  take(): B | undefined {
    const batch = this.batches.shift();
    if (batch) this.count -= batch.size;
    return batch;
  }

  /** Batches that could not be written go back to the front, in order (even past capacity: they were admitted). */
  putBack(batches: readonly B[]): void {
    const kept = batches.filter((b) => b.size > 0);
    this.batches.unshift(...kept);
    for (const batch of kept) this.count += batch.size;
  }
}
