import { EventEmitter } from 'node:events';
import type { KeyValueStore } from './key-value-store.js';
import type { AdmitResult, AdmitSpec, SettleSpec } from './limit-ops.js';
import { MemoryLimits } from './memory-limits.js';

/** The in-process store: same semantics as the Redis one, for a single gateway instance. */
export class MemoryStore implements KeyValueStore {
  readonly mode = 'in-process' as const;
  readonly connected = true;
  private readonly counters = new Map<string, { value: number; expiresAt: number }>();
  private readonly bus = new EventEmitter().setMaxListeners(0);
  private readonly sweeper: NodeJS.Timeout;
  private readonly limits = new MemoryLimits();

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 60_000).unref();
  }

  async ping(): Promise<void> {}

  async increment(key: string, ttlMs: number): Promise<number> {
    const now = this.now();
    const entry = this.counters.get(key);
    if (!entry || entry.expiresAt <= now) {
      this.counters.set(key, { value: 1, expiresAt: now + ttlMs });
      return 1;
    }
    entry.value += 1;
    return entry.value;
  }

  async count(key: string): Promise<number> {
    const entry = this.counters.get(key);
    return entry && entry.expiresAt > this.now() ? entry.value : 0;
  }

  async delete(key: string): Promise<void> {
    this.counters.delete(key);
  }

  async admit(specs: readonly AdmitSpec[]): Promise<AdmitResult[]> {
    return specs.map((spec) => this.limits.admit(spec));
  }

  async holdSlots(rule: string, ids: readonly string[], now: number, leaseMs: number): Promise<boolean> {
    return this.limits.hold(rule, ids, now + leaseMs);
  }

  async settle(specs: readonly SettleSpec[]): Promise<void> {
    for (const spec of specs) this.limits.settle(spec);
  }

  async publish(channel: string, message: string): Promise<void> {
    // Delivered on a later tick, like a message that went through Redis.
    setImmediate(() => this.bus.emit(channel, message));
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<void> {
    this.bus.on(channel, onMessage);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.bus.removeAllListeners();
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.counters) if (entry.expiresAt <= now) this.counters.delete(key);
    this.limits.sweep(now);
  }
}
