/**
 * Collects what is handed in during one event-loop turn and passes it on in one piece once the
 * turn's I/O callbacks are done (setImmediate). Under load many requests arrive in the same turn:
 * their store operations share one command and one round trip; alone, a request waits no longer
 * than the rest of its own turn.
 */
export class TurnBatch<T> {
  private items: T[] | null = null;

  constructor(private readonly flush: (items: T[]) => void) {}

  add(item: T): void {
    if (!this.items) {
      this.items = [];
      setImmediate(() => {
        const items = this.items!;
        this.items = null;
        this.flush(items);
      });
    }
    this.items.push(item);
  }
}
