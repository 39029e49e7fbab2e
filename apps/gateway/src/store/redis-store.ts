import { Redis } from 'ioredis';
import type { KeyValueStore } from './key-value-store.js';
import type { AdmitResult, AdmitSpec, SettleSpec } from './limit-ops.js';
import { incrementWithExpiryLua } from './lua/increment-with-expiry.lua.js';
import { mergeSettles } from './merge-settles.js';
import { admitLua, settleLua } from './lua/limits.lua.js';

type RedisWithScripts = Redis & {
  incrementWithExpiry(key: string, ttlMs: number): Promise<number>;
  admitLimits(key: string, spec: string): Promise<string>;
  settleLimits(key: string, spec: string): Promise<number>;
};

/** A rule's base key: hash-tagged, so all of its counters live in one Redis Cluster slot. */
const ruleKey = (rule: string) => `{lim:${rule}}`;

/** cjson writes an empty Lua table as `{}`: lists come back as objects when empty. */
const asList = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export class RedisStore implements KeyValueStore {
  readonly mode = 'redis' as const;
  private readonly client: RedisWithScripts;
  private subscriber: Redis | undefined;
  private readonly handlers = new Map<string, Array<(message: string) => void>>();
  private settling: { batch: SettleSpec[]; sent: Promise<void> } | null = null;

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
    this.client.on('error', () => undefined); // reported through ping() and failed commands
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

  async admit(specs: readonly AdmitSpec[]): Promise<AdmitResult[]> {
    const replies = await Promise.all(specs.map(({ rule, ...spec }) => this.client.admitLimits(ruleKey(rule), JSON.stringify(spec))));
    return replies.map((reply) => {
      const parsed = JSON.parse(reply) as AdmitResult;
      return { ...parsed, counters: asList(parsed.counters), refused: parsed.refused ?? null };
    });
  }

  /** Settlements are not waited for by requests: those of one event-loop turn go together, merged per rule. */
  settle(specs: readonly SettleSpec[]): Promise<void> {
    if (specs.length === 0) return Promise.resolve();
    if (!this.settling) {
      const batch: SettleSpec[] = [];
      const sent = new Promise<void>((resolve, reject) =>
        setImmediate(() => {
          this.settling = null;
          Promise.all(mergeSettles(batch).map(({ rule, ...spec }) => this.client.settleLimits(ruleKey(rule), JSON.stringify(spec)))).then(() => resolve(), reject);
        }),
      );
      this.settling = { batch, sent };
    }
    this.settling.batch.push(...specs);
    return this.settling.sent;
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
