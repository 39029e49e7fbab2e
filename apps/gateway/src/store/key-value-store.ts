import type { StoreMode } from '@aigw/shared/health';
import type { AdmitResult, AdmitSpec, SettleSpec } from './limit-ops.js';

/**
 * The shared state every replica sees: counters and change notifications. Redis when REDIS_URL is
 * set; otherwise an in-process store with the same semantics for a single instance.
 */
export interface KeyValueStore {
  readonly mode: StoreMode;
  /** Connected right now, as far as this process knows (no round trip). */
  readonly connected: boolean;
  ping(): Promise<void>;
  /** Adds 1 to a counter that expires `ttlMs` after its first increment; returns the new value. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** The counter's value, 0 when absent or expired. */
  count(key: string): Promise<number>;
  delete(key: string): Promise<void>;
  /** Checks and reserves each rule's limits, each rule atomically, all in one round trip. */
  admit(specs: readonly AdmitSpec[]): Promise<AdmitResult[]>;
  /** Settles reservations (real token counts) and frees concurrency slots, in one round trip. */
  settle(specs: readonly SettleSpec[]): Promise<void>;
  /** Keeps concurrency slots alive for `leaseMs` from `now`; false if any of them was already gone. */
  holdSlots(rule: string, ids: readonly string[], now: number, leaseMs: number): Promise<boolean>;
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, onMessage: (message: string) => void): Promise<void>;
  close(): Promise<void>;
}

export const KEY_VALUE_STORE = Symbol('KEY_VALUE_STORE');
