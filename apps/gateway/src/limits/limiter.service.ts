import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { LOGGER } from '@aigw/server-kit/logger.module';
import type { Limits } from '@aigw/shared/admin/limits';
import { MetricsService } from '../metrics/metrics.service.js';
import type { GovernanceUnit } from '../snapshot/governance.js';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value-store.js';
import type { AdmitResult, AdmitSpec, CounterState } from '../store/limit-ops.js';
import type { Admission } from './admission.js';
import { LeaseBook, type LeaseTake } from './lease-book.js';
import { admitSpecs, cancelSpec, ruleId, settleSpec, type RequestCounts } from './limit-specs.js';
import { kind, rateLimitHeaders } from './rate-limit-headers.js';

const NOTHING: Admission = { headers: {}, settle: () => undefined };

/** Shares a request waits for (each about one round trip) before the store decides it alone. */
const MAX_SHARE_WAITS = 3;

const QUOTAS = new Set(['tpd', 'tpmo']);
const WHAT: Record<string, string> = {
  rps: 'requests per second',
  rpm: 'requests per minute',
  concurrent: 'concurrent requests',
  itpm: 'input tokens per minute',
  otpm: 'output tokens per minute',
  tpd: 'tokens per day',
  tpmo: 'tokens per month',
};

/**
 * Input tokens a request takes from a leased share: a third of its body's bytes, about an upper
 * bound of its prompt's tokens (English runs near four bytes a token, CJK text near three) for the
 * cost of nothing, where the tokenizer takes about a millisecond for a 2,000-token prompt. A share
 * exists only far from every limit and each request settles to its real usage afterwards, so the
 * counts stay exact; near a limit the store decides, with the tokenizer's count.
 */
export const leaseReservation = (bodyBytes: number) => Math.max(1, Math.ceil(bodyBytes / 3));

/** The counters as they stand after this request took its share (the store reports them before). */
function afterAdmission(result: AdmitResult, spec: AdmitSpec): CounterState[] {
  return result.counters.map((c) => {
    const taken = spec.windows.find((w) => w.name === c.name && !w.gate)?.amount ?? spec.quotas.find((q) => q.name === c.name)?.amount ?? (c.name === 'concurrent' ? 1 : 0);
    return { ...c, remaining: Math.max(0, c.remaining - taken) };
  });
}

/**
 * Admission: every counter of every unit that applies (key, namespace, route, policies), each rule
 * checked and reserved atomically in the shared store, all in one round trip — or, far from every
 * limit, from this replica's leased share of the rule (lease-book.ts: no round trip, still exact).
 * If the store is away, each unit's `on_store_failure` decides: closed (503, the default) or open
 * (admit) — always counted and logged, never silently.
 */
@Injectable()
export class LimiterService implements OnModuleDestroy {
  private lastFailureLog = 0;
  private lastLeaseErrorLog = 0;
  /** Leases only pay off in front of a shared store; the in-process one answers without a round trip. */
  private readonly leases: LeaseBook | null;
  private readonly sweeper: NodeJS.Timeout | undefined;

  constructor(
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    private readonly metrics: MetricsService,
    @Inject(LOGGER) private readonly log: Logger,
  ) {
    this.leases = store.mode === 'redis' ? new LeaseBook(store, randomUUID(), (err, what) => this.leaseError(err, what)) : null;
    if (this.leases) this.sweeper = setInterval(() => this.leases!.sweep(Date.now()), 1_000).unref();
  }

  /** Runs once requests are done and before the store closes (StoreModule, on application shutdown). */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.sweeper);
    await this.leases?.close();
  }

  /**
   * Synchronous when a leased share (or no counter) decides, so the common case costs the request
   * no extra turn of the event loop; a promise when the store must answer or a share is on its way.
   */
  admit(units: readonly GovernanceUnit[], counts: RequestCounts): Admission | Promise<Admission> {
    // Plain loops rather than filter/some/map: this runs for every request with limits.
    let only: GovernanceUnit | undefined;
    let counted: GovernanceUnit[] | undefined;
    let tokens = false;
    for (const unit of units) {
      if (!unit.counted) continue;
      if (only === undefined) only = unit;
      else (counted ??= [only]).push(unit);
      tokens ||= unit.countsTokens;
    }
    if (only === undefined) return NOTHING;
    const leases = this.leases;
    if (!leases) return this.admitInStore(counted ?? [only], counts, tokens);
    // A share reserves by the body's size; the store, deciding near a limit, by the tokenizer's count.
    const rough = tokens ? leaseReservation(counts.bodyBytes) : 0;
    // The usual case, one unit with counters (a key's limits) taken from its share: no lists made.
    const take = counted === undefined ? leases.takeOne(ruleId(only, counts), only.limits, rough, counts.now) : null;
    if (take) {
      this.metrics.limiterAdmitted('lease');
      return take;
    }
    const all = counted ?? [only];
    const rules: string[] = [];
    const limits: Limits[] = [];
    for (const unit of all) {
      rules.push(ruleId(unit, counts));
      limits.push(unit.limits);
    }
    const takes = leases.take(rules, limits, rough, counts.now);
    if (takes) return this.leased(takes);
    const arriving = leases.arriving(rules, limits, rough, counts.now);
    if (!arriving) return this.admitInStore(all, counts, tokens);
    return this.awaitShares(leases, arriving, rules, limits, rough, () => this.admitInStore(all, counts, tokens));
  }

  /**
   * Waits for the share on its way and takes from it; a share used up by those who waited before
   * (or granted for a bucket that ended meanwhile) may have a next one coming: a few waits, then the store.
   */
  private async awaitShares(leases: LeaseBook, arriving: Promise<void>, rules: string[], limits: Limits[], rough: number, inStore: () => Promise<Admission>): Promise<Admission> {
    let next: Promise<void> | null = arriving;
    for (let waits = 0; next && waits < MAX_SHARE_WAITS; waits++) {
      await next;
      const now = Date.now();
      const takes = leases.take(rules, limits, rough, now);
      if (takes) return this.leased(takes);
      next = leases.arriving(rules, limits, rough, now);
    }
    return inStore();
  }

  private leased(takes: LeaseTake[]): Admission {
    this.metrics.limiterAdmitted('lease');
    if (takes.length === 1) return takes[0]!;
    return {
      headers: rateLimitHeaders(takes.flatMap((t) => t.counters()), takes.map((t) => t.policy).join(', ')),
      settle: (used) => {
        for (const take of takes) take.settle(used);
      },
    };
  }

  /** One atomic check of every rule in the shared store; a unit counting tokens reserves the tokenizer's count (`tokens`). */
  private async admitInStore(counted: GovernanceUnit[], counts: RequestCounts, tokens: boolean): Promise<Admission> {
    const reserved = tokens ? counts.inputTokens() : 0;
    const specs = admitSpecs(counted, counts);
    let results: AdmitResult[];
    try {
      results = await this.store.admit(specs);
    } catch (err) {
      return this.storeFailure(counted, err as Error);
    }
    const counters = results.flatMap((r, i) => (r.ok ? afterAdmission(r, specs[i]!) : r.counters));
    const headers = rateLimitHeaders(counters);
    const refusedAt = results.findIndex((r) => !r.ok);
    if (refusedAt >= 0) {
      const cancels = results.flatMap((r, i) => (r.ok ? [cancelSpec(specs[i]!, r.bucket, Date.now())] : []));
      if (cancels.length) this.store.settle(cancels).catch((err: Error) => this.log.warn({ err: err.message }, 'could not give back a refused request\'s reservations'));
      throw this.refusal(counted[refusedAt]!, results[refusedAt]!.refused!, headers);
    }
    this.metrics.limiterAdmitted('store');
    if (this.leases) specs.forEach((spec, i) => this.leases!.noteAdmitted(spec, counted[i]!.limits, results[i]!, reserved, counts.now));
    return {
      headers,
      settle: (used) => {
        const now = Date.now();
        this.store
          .settle(specs.map((spec, i) => settleSpec(spec, results[i]!.bucket, used, now)))
          .catch((err: Error) => this.log.warn({ err: err.message }, 'could not settle rate-limit counters'));
      },
    };
  }

  private leaseError(err: Error, what: string): void {
    const now = Date.now();
    if (now - this.lastLeaseErrorLog < 5_000) return;
    this.lastLeaseErrorLog = now;
    this.log.warn({ err: err.message, what }, 'rate-limit lease operation failed; requests are checked one by one meanwhile');
  }

  private refusal(unit: GovernanceUnit, refused: CounterState, headers: Record<string, string>): GatewayError {
    const name = kind(refused.name);
    this.metrics.limiterRejected(name);
    const retryAfter = String(Math.max(1, Math.ceil(refused.resetMs / 1000)));
    const message = `${unit.label} allows ${refused.limit} ${WHAT[name] ?? name}; retry after ${retryAfter} s`;
    return new GatewayError(QUOTAS.has(name) ? 'insufficient_quota' : 'rate_limit_exceeded', message, { headers: { ...headers, 'retry-after': retryAfter } });
  }

  private storeFailure(units: readonly GovernanceUnit[], err: Error): Admission {
    const closed = units.some((u) => (u.limits.on_store_failure ?? 'closed') === 'closed');
    this.metrics.limiterStoreFailure(closed ? 'closed' : 'open');
    const now = Date.now();
    if (now - this.lastFailureLog > 5_000) {
      this.lastFailureLog = now;
      this.log.error({ err: err.message, mode: closed ? 'closed' : 'open' }, 'rate-limit store unreachable');
    }
    if (closed) {
      throw new GatewayError('limit_store_unavailable', 'Rate limits cannot be checked right now (the limit store is unreachable); retry shortly', {
        headers: { 'retry-after': '1' },
      });
    }
    return NOTHING;
  }
}
