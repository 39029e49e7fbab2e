/**
 * A bounded FIFO of items kept as batches of at most `batchSize`: pushing is O(1), and the writer
 * takes a whole batch at a time (and puts it back at the front when the write failed).
 */
export class BatchQueue<T> {
  private readonly batches: T[][] = [];
  private count = 0;

  constructor(
    readonly batchSize: number,
    readonly capacity: number,
  ) {}

  /** Items waiting (not counting a batch taken and not yet put back). */
  get size(): number {
    return this.count;
  }

  /** Is the oldest batch full (worth writing now rather than at the next tick)? */
  get hasFullBatch(): boolean {
    return (this.batches[0]?.length ?? 0) >= this.batchSize;
  }

  /** False, and the item is not kept, when the queue is at capacity. */
  push(item: T): boolean {
    if (this.count >= this.capacity) return false;
    let tail = this.batches[this.batches.length - 1];
    if (!tail || tail.length >= this.batchSize) {
      tail = [];
      this.batches.push(tail);
    }
    tail.push(item);
    this.count += 1;
    return true;
  }

  /** The oldest batch, removed: later pushes go to a new one. */
  take(): T[] | undefined {
    const batch = this.batches.shift();
    if (batch) this.count -= batch.length;
    return batch;
  }

  /** A batch that could not be written goes back to the front (even past capacity: it was admitted). */
  putBack(batch: T[]): void {
    if (batch.length === 0) return;
    this.batches.unshift(batch);
    this.count += batch.length;
  }
}
