import { Redis } from 'ioredis';
import type { KeyValueStore } from './key-value-store.js';
import type { AdmitResult, AdmitSpec, CounterState, SettleSpec } from './limit-ops.js';
import { incrementWithExpiryLua } from './lua/increment-with-expiry.lua.js';
import { mergeSettles } from './merge-settles.js';
import { admitLua, holdSlotsLua, settleLua } from './lua/limits.lua.js';
import { TurnBatch } from './turn-batch.js';

type RedisWithScripts = Redis & {
  incrementWithExpiry(key: string, ttlMs: number): Promise<number>;
  admitLimits(key: string, ...args: Array<string | number>): Promise<number[]>;
  settleLimits(key: string, spec: string): Promise<number>;
  holdSlots(key: string, now: number, leaseMs: number, ...ids: string[]): Promise<number>;
};

/** A rule's base key: hash-tagged, so all of its counters live in one Redis Cluster slot. */
const ruleKey = (rule: string) => `{lim:${rule}}`;

/** Bounds one script call, so a huge burst never holds Redis for long (and Lua's unpack stays small). */
const MAX_BATCH = 500;

/** One request's admission: its specs (one per rule) may travel in different batches. */
interface PendingAdmission {
  results: AdmitResult[];
  left: number;
  resolve(results: AdmitResult[]): void;
  reject(err: Error): void;
}

interface QueuedSpec {
  spec: AdmitSpec;
  owner: PendingAdmission;
  index: number;
}

interface QueuedSettlement {
  specs: readonly SettleSpec[];
  resolve(): void;
  reject(err: Error): void;
}

/** Specs of one shape (same rule, counters and limits) can share a batch: the script gets the shape once. */
const shapeOf = (spec: AdmitSpec) =>
  `${spec.rule}|${spec.windows.map((w) => `${w.name}:${w.limit}${w.gate ? 'g' : ''}`).join(',')}|${spec.quotas.map((q) => `${q.name}:${q.limit}`).join(',')}|${spec.concurrency?.limit ?? ''}`;

/** The counters of a spec, in the script's order: windows, quotas, concurrency. */
function counterNames(spec: AdmitSpec): Array<{ name: string; limit: number }> {
  return [...spec.windows, ...spec.quotas, ...(spec.concurrency ? [{ name: 'concurrent', limit: spec.concurrency.limit }] : [])];
}

/** The script's arguments for a batch of specs of one shape (see admitLua). */
function batchArgs(batch: readonly QueuedSpec[]): Array<string | number> {
  const first = batch[0]!.spec;
  const header = {
    now: batch.reduce((latest, q) => Math.max(latest, q.spec.now), 0),
    n: batch.length,
    w: first.windows.map(({ name, limit, bucketMs, buckets, gate }) => ({ name, limit, bucketMs, buckets, gate: gate === true })),
    q: first.quotas.map(({ name, limit, ttlMs }) => ({ name, limit, ttlMs })),
    ...(first.concurrency ? { c: { limit: first.concurrency.limit, leaseMs: first.concurrency.leaseMs } } : {}),
  };
  const args: Array<string | number> = [JSON.stringify(header)];
  for (const { spec } of batch) {
    for (const w of spec.windows) args.push(w.amount);
    for (const q of spec.quotas) args.push(q.amount);
    if (spec.concurrency) args.push(spec.concurrency.id, spec.concurrency.count ?? 1);
  }
  return args;
}

/** The script's reply read back into one result per spec. */
function batchResults(batch: readonly QueuedSpec[], reply: number[]): AdmitResult[] {
  const first = batch[0]!.spec;
  const bucket: Record<string, number> = {};
  first.windows.forEach((w, j) => (bucket[w.name] = reply[j]!));
  const names = counterNames(first);
  let at = first.windows.length;
  return batch.map(() => {
    const counters: CounterState[] = names.map(({ name, limit }, i) => ({ name, limit, remaining: reply[at + 2 + 2 * i]!, resetMs: reply[at + 3 + 2 * i]! }));
    const ok = reply[at] === 1;
    const refusedAt = reply[at + 1]!;
    at += 2 + 2 * names.length;
    return { ok, refused: ok ? null : { ...counters[refusedAt - 1]!, remaining: 0 }, counters, bucket };
  });
}

export class RedisStore implements KeyValueStore {
  readonly mode = 'redis' as const;
  private readonly client: RedisWithScripts;
  private subscriber: Redis | undefined;
  private readonly handlers = new Map<string, Array<(message: string) => void>>();
  private readonly admissions = new TurnBatch<QueuedSpec>((queued) => this.sendAdmissions(queued));
  private readonly settlements = new TurnBatch<QueuedSettlement>((queued) => this.sendSettlements(queued));

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // Fail commands fast while Redis is away instead of queueing them without bound. Auto-pipelining
    // sends the commands of one event-loop turn (and those queued while a batch is in flight) in one
    // write: under load, many requests' limit checks share a round trip and a syscall.
    this.client = new Redis(url, { keyPrefix: prefix, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, enableAutoPipelining: true }) as RedisWithScripts;
    this.client.defineCommand('incrementWithExpiry', { numberOfKeys: 1, lua: incrementWithExpiryLua });
    this.client.defineCommand('admitLimits', { numberOfKeys: 1, lua: admitLua });
    this.client.defineCommand('settleLimits', { numberOfKeys: 1, lua: settleLua });
    this.client.defineCommand('holdSlots', { numberOfKeys: 1, lua: holdSlotsLua });
    this.client.on('error', () => undefined); // reported through ping() and failed commands
  }

  get connected(): boolean {
    return this.client.status === 'ready';
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  increment(key: string, ttlMs: number): Promise<number> {
    return this.client.incrementWithExpiry(key, ttlMs);
  }

  async count(key: string): Promise<number> {
    return Number((await this.client.get(key)) ?? 0);
  }

  async delete(key: string): Promise<void> {
    await this.client.del(key);
  }

  /** Admissions of one event-loop turn go together: one script call per rule decides them all in order. */
  admit(specs: readonly AdmitSpec[]): Promise<AdmitResult[]> {
    return new Promise((resolve, reject) => {
      const owner: PendingAdmission = { results: new Array<AdmitResult>(specs.length), left: specs.length, resolve, reject };
      specs.forEach((spec, index) => this.admissions.add({ spec, owner, index }));
    });
  }

  private sendAdmissions(queued: QueuedSpec[]): void {
    const byShape = new Map<string, QueuedSpec[]>();
    for (const q of queued) {
      const shape = shapeOf(q.spec);
      const list = byShape.get(shape);
      if (list) list.push(q);
      else byShape.set(shape, [q]);
    }
    for (const list of byShape.values()) {
      for (let from = 0; from < list.length; from += MAX_BATCH) this.sendAdmissionBatch(list.slice(from, from + MAX_BATCH));
    }
  }

  private sendAdmissionBatch(batch: QueuedSpec[]): void {
    this.client.admitLimits(ruleKey(batch[0]!.spec.rule), ...batchArgs(batch)).then(
      (reply) => {
        batchResults(batch, reply).forEach((result, i) => {
          const { owner, index } = batch[i]!;
          owner.results[index] = result;
          if (--owner.left === 0) owner.resolve(owner.results);
        });
      },
      (err: Error) => {
        for (const { owner } of batch) {
          owner.left = -1; // settled: a later batch's reply for the same request is ignored
          owner.reject(err);
        }
      },
    );
  }

  /** Settlements are not waited for by requests: those of one event-loop turn go together, merged per rule. */
  settle(specs: readonly SettleSpec[]): Promise<void> {
    if (specs.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.settlements.add({ specs, resolve, reject }));
  }

  private sendSettlements(queued: QueuedSettlement[]): void {
    const merged = mergeSettles(queued.flatMap((q) => q.specs));
    Promise.all(merged.map(({ rule, ...spec }) => this.client.settleLimits(ruleKey(rule), JSON.stringify(spec)))).then(
      () => queued.forEach((q) => q.resolve()),
      (err: Error) => queued.forEach((q) => q.reject(err)),
    );
  }

  async holdSlots(rule: string, ids: readonly string[], now: number, leaseMs: number): Promise<boolean> {
    if (ids.length === 0) return true;
    return (await this.client.holdSlots(ruleKey(rule), now, leaseMs, ...ids)) === ids.length;
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.client.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<void> {
    if (!this.subscriber) {
      // A subscribed connection can do nothing else; it retries forever and re-subscribes on reconnect.
      this.subscriber = this.client.duplicate({ keyPrefix: '', enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
      this.subscriber.on('error', () => undefined);
      this.subscriber.on('message', (ch: string, msg: string) => {
        for (const handler of this.handlers.get(ch) ?? []) handler(msg);
      });
    }
    const full = this.prefix + channel;
    this.handlers.set(full, [...(this.handlers.get(full) ?? []), onMessage]);
    await this.subscriber.subscribe(full);
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.client.disconnect();
  }
}
