import type { Limits } from '@aigw/shared/admin/limits';
import type { KeyValueStore } from '../store/key-value-store.js';
import type { Admission } from './admission.js';
import { rateLimitHeaders, rateLimitPolicy } from './rate-limit-headers.js';
import { slotIds, type AdmitResult, type AdmitSpec, type CounterState, type SettleSpec } from '../store/limit-ops.js';

/**
 * Leases: a replica reserves a share of a rule's room in the shared store (one atomic admission of
 * many requests' worth) and admits requests against it locally, without a round trip each.
 *
 * Nothing is admitted that the store did not grant, so the limits stay exact across replicas:
 * - a window's share is counted in the store's current bucket and usable only until that bucket
 *   ends, exactly as if each request had been admitted then (see store/limit-ops.ts);
 * - concurrency slots are real slots in the store (a pool of them, kept alive while this replica
 *   lives and expiring like any slot if it dies);
 * - what is left of a share when it ends is given back.
 * Only far from a limit, so what sits unused in one replica's share never noticeably refuses a
 * request on another: a rule is leased only while every counter has at least a quarter of its limit
 * and at least 1,000 (requests, tokens, slots) left, its output-token window less than half used,
 * and a share is at most a sixteenth of what is left. Near a limit, or while the store is not
 * connected, every request is decided by the store.
 */

/** Counters a request takes one of; the others take its input tokens. */
const REQUEST_WINDOWS = new Set(['rps', 'rpm']);
const FAR_FRACTION = 4;
const MIN_ROOM = 1_000;
const SHARE_FRACTION = 16;
const MIN_ASK = 4;
const MAX_ASK_REQUESTS = 10_000;
const MAX_POOL = 1_000;
/** Settlements of requests admitted from shares go to the store together, this often. */
const SETTLE_EVERY_MS = 100;
/** How often held pool slots are extended in the store (they live `leaseMs` from each extension). */
const HOLD_EVERY_MS = 60_000;

/**
 * One request taken from a share, and its admission: `headers` are the rate-limit headers of
 * `counters()`, made once per millisecond per share (requests taken from one share within the same
 * millisecond are told the same counts: a leased share's counts are this replica's view anyway,
 * and its rule is far from every limit); `settle` books what it really used against what it
 * reserved.
 */
export interface LeaseTake extends Admission {
  readonly policy: string;
  /** The rate-limit counters as this replica sees them after the take; read at once (the next take rewrites them). */
  counters(): readonly CounterState[];
}

/** A take as an object of its own rather than closures: one is made for every request a share admits. */
class ShareTake implements LeaseTake {
  constructor(
    private readonly book: LeaseBook,
    readonly state: RuleState,
    readonly share: Share,
    /** The concurrency slot it holds, and the pool it came from. */
    readonly pool: SlotPool | null,
    readonly slot: string | undefined,
    /** Input tokens it reserved. */
    readonly tokens: number,
    private readonly at: number,
  ) {}

  get policy(): string {
    return this.share.policy;
  }

  counters(): readonly CounterState[] {
    return shareCounters(this.state, this.share, this.at);
  }

  get headers(): Readonly<Record<string, string>> {
    const share = this.share;
    if (share.headers?.at !== this.at) share.headers = { at: this.at, value: rateLimitHeaders(this.counters(), share.policy) };
    return share.headers.value;
  }

  settle(used: { input: number; output: number }): void {
    this.book.settled(this, used);
  }
}

interface Share {
  rule: string;
  limits: Limits;
  /** The RateLimit-Policy field of its counters, made once. */
  policy: string;
  spec: AdmitSpec;
  bucket: Record<string, number>;
  /** Before the grant; a local take is reported as taken from these. */
  counters: CounterState[];
  /** What `counters()` reports, rewritten in place on each call: no allocation per request. */
  view: CounterState[];
  /** The rate-limit headers last made for its takes, and the millisecond they were made in. */
  headers: { at: number; value: Readonly<Record<string, string>> } | null;
  grantedAt: number;
  expiresAt: number;
  requests: { granted: number; taken: number };
  tokens: { granted: number; taken: number };
  /** Finished requests not yet settled in the store: input tokens over their reservation, output tokens. */
  unsettled: { input: number; output: number };
}

interface SlotPool {
  rule: string;
  leaseMs: number;
  /** Every slot of the pool, free or in use: all are held in the store. */
  ids: Set<string>;
  free: string[];
  inUse: number;
  peak: number;
  heldAt: number;
}

interface RuleState {
  /** The rule's last request as the store saw it: what a share asks for is shaped after it. */
  template: AdmitSpec;
  share: Share | null;
  pool: SlotPool | null;
  /** A grant on its way (no second one meanwhile); settles when it is in, granted or not. */
  asking: Promise<void> | null;
  /** Requests admitted (locally or not) since the last grant: the next ask follows the demand. */
  demand: number;
  /** Requests admitted per ms over the last second or so, and the count towards the next reading. */
  rate: number;
  counted: number;
  tokensPerRequest: number;
}

export class LeaseBook {
  private readonly rules = new Map<string, RuleState>();
  private seq = 0;
  private sweptAt = Date.now();
  private readonly unsettled = new Set<Share>();
  private settleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: KeyValueStore,
    /** Unique per process: slot ids of its pools. */
    private readonly replica: string,
    private readonly onError: (err: Error, what: string) => void,
  ) {}

  /**
   * A share on its way for a rule this request found no room in: the request can wait for it (one
   * round trip, as a store check would take) instead of adding a store check of its own.
   */
  arriving(rules: readonly string[], limits: readonly Limits[], tokens: number, now: number): Promise<void> | null {
    for (let i = 0; i < rules.length; i++) {
      const state = this.rules.get(rules[i]!);
      if (!state || this.hasRoom(state, limits[i]!, tokens, now)) continue;
      // A used share that ran out or whose bucket just ended: the next one is due (its timer may not
      // have fired yet); the request waits for it rather than checking the store on its own.
      if (!state.asking && state.share?.limits === limits[i]) this.renew(state, now);
      return state.asking;
    }
    return null;
  }

  /** `take` for a request only one rule applies to. */
  takeOne(rule: string, limits: Limits, tokens: number, now: number): LeaseTake | null {
    const state = this.withRoom(rule, limits, tokens, now);
    return state ? this.takeFrom(state, tokens, now) : null;
  }

  /** Takes one request from every rule's share, all or none; null when any rule has no room here. */
  take(rules: readonly string[], limits: readonly Limits[], tokens: number, now: number): LeaseTake[] | null {
    const states: RuleState[] = [];
    for (let i = 0; i < rules.length; i++) {
      const state = this.withRoom(rules[i]!, limits[i]!, tokens, now);
      if (!state) return null;
      states.push(state);
    }
    return states.map((state) => this.takeFrom(state, tokens, now));
  }

  /** The rule's state when its share here can take the request (and the store is there to settle with). */
  private withRoom(rule: string, limits: Limits, tokens: number, now: number): RuleState | null {
    if (!this.store.connected) return null;
    const state = this.rules.get(rule);
    return state && this.hasRoom(state, limits, tokens, now) ? state : null;
  }

  /**
   * After a store admission of the rule (a request the leases could not take): counts the demand,
   * and asks for a share if the rule is busy (a few requests within the last second or so) and far
   * from all of its limits.
   */
  noteAdmitted(spec: AdmitSpec, limits: Limits, result: AdmitResult, tokens: number, now: number): void {
    let state = this.rules.get(spec.rule);
    if (!state) {
      state = { template: spec, share: null, pool: null, asking: null, demand: 0, rate: 0, counted: 0, tokensPerRequest: tokens };
      this.rules.set(spec.rule, state);
    }
    state.template = spec;
    state.demand++;
    state.counted++;
    state.tokensPerRequest = (state.tokensPerRequest * 7 + tokens) / 8;
    if (state.share && (state.share.limits !== limits || state.share.expiresAt <= now)) void this.giveBack(state);
    // Only busy rules: one that sees a request now and then (a client address, a quiet key) would
    // pay a grant and a give-back for each.
    if (!state.asking && result.ok && state.counted >= MIN_ASK) this.ask(state, limits, result.counters, now);
  }

  /** Gives back ended shares, returns idle slots, extends held ones; called every second or so. */
  sweep(now: number): void {
    const elapsed = Math.max(1, now - this.sweptAt);
    this.sweptAt = now;
    for (const [rule, state] of this.rules) {
      state.rate = state.counted / elapsed;
      state.counted = 0;
      if (state.share && state.share.expiresAt <= now) void this.giveBack(state);
      const pool = state.pool;
      if (pool) {
        const keep = pool.peak * 2;
        pool.peak = pool.inUse;
        if (pool.free.length > keep) void this.returnSlots(pool, pool.free.splice(keep));
        if (pool.free.length + pool.inUse === 0) state.pool = null;
        else if (now - pool.heldAt >= HOLD_EVERY_MS) this.hold(state, pool, now);
      }
      if (!state.share && !state.pool && !state.asking) this.rules.delete(rule);
    }
  }

  /** Everything back to the store (shutdown, once requests are done): settlements, shares, slots. */
  async close(): Promise<void> {
    const sent = [this.flushSettlements(Date.now())];
    for (const state of this.rules.values()) {
      sent.push(this.giveBack(state));
      if (state.pool) sent.push(this.returnSlots(state.pool, state.pool.free.splice(0)));
    }
    this.rules.clear();
    await Promise.all(sent);
  }

  private hasRoom(state: RuleState, limits: Limits, tokens: number, now: number): boolean {
    const share = state.share;
    if (!share || share.limits !== limits || share.expiresAt <= now) return false;
    if (share.requests.granted > 0 && share.requests.taken >= share.requests.granted) return false;
    if (share.tokens.granted > 0 && share.tokens.taken + tokens > share.tokens.granted) return false;
    if (limits.concurrent_requests && !(state.pool && state.pool.free.length > 0)) return false;
    return true;
  }

  /** A take's request is done: its slot back to the pool, its real use to the next settlement. */
  settled(take: ShareTake, used: { input: number; output: number }): void {
    const { state, share, pool, slot, tokens } = take;
    if (pool && slot !== undefined) {
      pool.inUse--;
      if (state.pool === pool && pool.ids.has(slot)) pool.free.push(slot);
      else void this.returnSlots(pool, [slot]);
    }
    share.unsettled.input += used.input - tokens;
    share.unsettled.output += used.output;
    this.unsettled.add(share);
    this.settleTimer ??= setTimeout(() => void this.flushSettlements(Date.now()), SETTLE_EVERY_MS).unref();
  }

  private takeFrom(state: RuleState, tokens: number, now: number): LeaseTake {
    const share = state.share!;
    share.requests.taken++;
    share.tokens.taken += tokens;
    state.demand++;
    state.counted++;
    // Shares are sized in what takes reserve (a body-size estimate, see leaseReservation).
    if (tokens > 0) state.tokensPerRequest = (state.tokensPerRequest * 7 + tokens) / 8;
    const pool = share.limits.concurrent_requests ? state.pool! : null;
    const slot = pool?.free.pop();
    if (pool) {
      pool.inUse++;
      pool.peak = Math.max(pool.peak, pool.inUse);
    }
    // Running low: ask for more now, so requests rarely wait for a share.
    if (!state.asking && (share.requests.taken * 4 >= share.requests.granted * 3 || (share.tokens.granted > 0 && share.tokens.taken * 4 >= share.tokens.granted * 3))) this.ask(state, share.limits, shareCounters(state, share, now), now);
    return new ShareTake(this, state, share, pool, slot, tokens, now);
  }

  /** Asks the store for the rule's next share, sized to the demand and to a quarter of what is left. */
  private ask(state: RuleState, limits: Limits, counters: readonly CounterState[], now: number, again = false): void {
    const t = state.template;
    // a quota is counted per day or month: a template from another day would reserve in the wrong one
    if (t.quotas.length && Math.floor(t.now / DAY_MS) !== Math.floor(now / DAY_MS)) return;
    const room = (name: (n: string) => boolean) => Math.min(...counters.filter((c) => name(c.name)).map((c) => Math.floor(c.remaining / SHARE_FRACTION)));
    for (const c of counters) {
      if (c.remaining * FAR_FRACTION < c.limit || c.remaining < MIN_ROOM) return;
      if (c.name === 'otpm' && c.remaining * 2 < c.limit) return;
    }
    // Enough for twice the recent rate until the share's bucket ends (or twice the demand since the last ask).
    const wantRequests = Math.min(MAX_ASK_REQUESTS, Math.max(MIN_ASK, state.demand * 2, Math.ceil(state.rate * (shareEnd(t, now) - now) * 2)));
    const requests = Math.min(wantRequests, room((n) => REQUEST_WINDOWS.has(n)));
    const tokens = usesTokens(t) ? Math.min(Math.ceil(Math.max(1, state.tokensPerRequest) * requests), room(isTokenCounter)) : 0;
    if (requests < 1 || (usesTokens(t) && tokens < 1)) return;
    let slots = 0;
    if (t.concurrency) {
      const pool = state.pool;
      const want = Math.max(MIN_ASK, (pool?.peak ?? 0) * 2) - (pool ? pool.free.length + pool.inUse : 0);
      slots = Math.min(MAX_POOL - (pool ? pool.free.length + pool.inUse : 0), Math.max(0, want), room((n) => n === 'concurrent'));
      if (!pool?.free.length && slots < 1) return;
    }
    const spec: AdmitSpec = {
      rule: t.rule,
      now,
      windows: t.windows.map((w) => ({ ...w, amount: w.gate ? 0 : REQUEST_WINDOWS.has(w.name) ? requests : tokens })),
      quotas: t.quotas.map((q) => ({ ...q, amount: tokens })),
      concurrency: t.concurrency && slots > 0 ? { ...t.concurrency, id: `${this.replica}:${++this.seq}`, count: slots } : null,
    };
    state.demand = 0;
    state.asking = this.store.admit([spec]).then(
      ([result]) => {
        state.asking = null;
        if (!result?.ok) return;
        void this.giveBack(state);
        if (spec.concurrency) this.addSlots(state, spec.rule, spec.concurrency.leaseMs, slotIds(spec.concurrency), Date.now());
        const expiresAt = shareEnd(spec, now);
        const ended = expiresAt <= Date.now();
        // A share used up to its bucket's end is followed by the next one as the bucket turns.
        if (!ended && (state.demand > 0 || requests > MIN_ASK)) setTimeout(() => this.renew(state), Math.max(0, expiresAt - Date.now()) + 1).unref();
        state.share = {
          rule: spec.rule,
          limits,
          policy: rateLimitPolicy(result.counters),
          spec,
          bucket: result.bucket,
          counters: result.counters,
          view: result.counters.map((c) => ({ ...c })),
          headers: null,
          grantedAt: spec.now,
          expiresAt,
          requests: { granted: requests, taken: 0 },
          tokens: { granted: tokens, taken: 0 },
          unsettled: { input: 0, output: 0 },
        };
        if (!ended) return;
        // Asked just before its bucket ended, granted after: given back whole, and (once) the next
        // share asked for now, which requests waiting on this one wait for instead of each going
        // to the store.
        void this.giveBack(state);
        if (again) return;
        this.ask(state, limits, result.counters, Date.now(), true);
        return state.asking ?? undefined;
      },
      (err: Error) => {
        state.asking = null;
        this.onError(err, 'lease');
      },
    );
  }

  /** At a share's end: the next share right away if the last one was used, so requests keep finding one. */
  private renew(state: RuleState, now = Date.now()): void {
    const share = state.share;
    if (!share || share.requests.taken === 0 || state.asking || this.rules.get(share.rule) !== state) return;
    this.ask(state, share.limits, shareCounters(state, share, now), now);
  }

  private addSlots(state: RuleState, rule: string, leaseMs: number, ids: string[], now: number): void {
    state.pool ??= { rule, leaseMs, ids: new Set(), free: [], inUse: 0, peak: 0, heldAt: now };
    for (const id of ids) state.pool.ids.add(id);
    state.pool.free.push(...ids);
  }

  /** What is left of the share back to the store, in the bucket it was counted in. */
  private giveBack(state: RuleState): Promise<void> {
    const share = state.share;
    state.share = null;
    if (!share) return Promise.resolve();
    const requests = share.requests.granted - share.requests.taken;
    const tokens = share.tokens.granted - Math.min(share.tokens.granted, share.tokens.taken);
    if (requests <= 0 && tokens <= 0) return Promise.resolve();
    const spec: SettleSpec = {
      rule: share.rule,
      now: Date.now(),
      windows: share.spec.windows
        .filter((w) => !w.gate)
        .map((w) => ({ name: w.name, bucketMs: w.bucketMs, buckets: w.buckets, delta: -(REQUEST_WINDOWS.has(w.name) ? requests : tokens), bucket: share.bucket[w.name] }))
        .filter((w) => w.delta !== 0),
      quotas: tokens > 0 ? share.spec.quotas.map((q) => ({ name: q.name, ttlMs: q.ttlMs, delta: -tokens })) : [],
      release: [],
    };
    return this.store.settle([spec]).catch((err: Error) => this.onError(err, 'give back'));
  }

  /** Each share's finished requests in one settlement: the real input tokens against what they reserved, and the output. */
  private flushSettlements(now: number): Promise<void> {
    clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    const specs: SettleSpec[] = [];
    for (const share of this.unsettled) {
      const spec = settlement(share, now);
      if (spec) specs.push(spec);
      share.unsettled = { input: 0, output: 0 };
    }
    this.unsettled.clear();
    return specs.length ? this.store.settle(specs).catch((err: Error) => this.onError(err, 'settle')) : Promise.resolve();
  }

  private returnSlots(pool: SlotPool, ids: string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    for (const id of ids) pool.ids.delete(id);
    return this.store.settle([{ rule: pool.rule, now: Date.now(), windows: [], quotas: [], release: ids }]).catch((err: Error) => this.onError(err, 'return slots'));
  }

  private hold(state: RuleState, pool: SlotPool, now: number): void {
    pool.heldAt = now;
    // Slots in use are held too: their requests are still running.
    this.store.holdSlots(pool.rule, [...pool.ids], now, pool.leaseMs).then(
      (kept) => {
        // Slots the store no longer has (they expired while it was away): the pool is not trusted.
        if (!kept && state.pool === pool) {
          state.pool = null;
          void this.returnSlots(pool, pool.free.splice(0));
        }
      },
      (err: Error) => this.onError(err, 'hold slots'),
    );
  }
}

const DAY_MS = 86_400_000;
const isTokenCounter = (name: string) => name === 'itpm' || name.startsWith('tpd:') || name.startsWith('tpmo:');
const usesTokens = (spec: AdmitSpec) => spec.windows.some((w) => w.name === 'itpm') || spec.quotas.length > 0;

/** The share's counters as this replica sees them: what was left before the grant, less what it took. */
function shareCounters(state: RuleState, share: Share, now: number): readonly CounterState[] {
  const elapsed = now - share.grantedAt;
  for (let i = 0; i < share.counters.length; i++) {
    const c = share.counters[i]!;
    const taken = c.name === 'concurrent' ? (state.pool?.inUse ?? 0) : REQUEST_WINDOWS.has(c.name) ? share.requests.taken : isTokenCounter(c.name) ? share.tokens.taken : 0;
    const seen = share.view[i]!;
    seen.remaining = Math.max(0, c.remaining - taken);
    seen.resetMs = Math.max(0, c.resetMs - elapsed);
  }
  return share.view;
}

/** A window's share is usable until its bucket ends; a quota's until its period does. */
function shareEnd(spec: AdmitSpec, now: number): number {
  let end = now + 1_000;
  for (const w of spec.windows) end = Math.min(end, (Math.floor(now / w.bucketMs) + 1) * w.bucketMs);
  if (spec.quotas.length) end = Math.min(end, (Math.floor(now / DAY_MS) + 1) * DAY_MS);
  return end;
}

/** A share's finished requests, settled together (see Share.unsettled); null when there is nothing to change. */
function settlement(share: Share, now: number): SettleSpec | null {
  const { input, output } = share.unsettled;
  const windows = share.spec.windows.flatMap((w) => {
    if (w.name === 'itpm' && input !== 0) return [{ name: w.name, bucketMs: w.bucketMs, buckets: w.buckets, delta: input, bucket: share.bucket[w.name] }];
    if (w.name === 'otpm' && output > 0) return [{ name: w.name, bucketMs: w.bucketMs, buckets: w.buckets, delta: output }];
    return [];
  });
  const quotas = input + output !== 0 ? share.spec.quotas.map((q) => ({ name: q.name, ttlMs: q.ttlMs, delta: input + output })) : [];
  return windows.length || quotas.length ? { rule: share.rule, now, windows, quotas, release: [] } : null;
}
