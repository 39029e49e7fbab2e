import { Injectable } from '@nestjs/common';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { InstanceHealthRegistry } from '../health/instance-health.registry.js';
import type { TokenUsage, UpstreamCall } from '../providers/adapter.js';
import type { Candidate, CandidateSet, RouteEntry } from '../snapshot/routing-snapshot.js';
import { writeError } from './client-response.js';
import { ProxyHandler, type ClientSide, type ForwardOutcome, type ResponseShaping } from './proxy-handler.js';
import { RelayMetrics, type AttemptOutcome } from './relay-metrics.js';
import { UpstreamPools } from './upstream-pools.js';

/** At most this many upstream attempts per request (first try plus failovers). */
const MAX_ATTEMPTS = 3;

/** What one attempt sends, prepared per candidate (the model and path may differ between candidates). */
export interface PreparedAttempt {
  call: UpstreamCall;
  shaping: ResponseShaping;
  /** A streamed request body cannot be sent twice: no failover once it has gone. */
  replayable: boolean;
}

export interface ForwardRequest extends ClientSide {
  route: RouteEntry;
  /** Can this candidate serve the request at all (capability)? */
  serves(candidate: Candidate): boolean;
  prepare(candidate: Candidate): PreparedAttempt;
  /** The client's address, asked for only by IP hash. */
  clientIp: () => string;
}

/** How it ended; the client has been answered (or was gone) either way. */
export interface ForwardResult {
  /** The status the client saw (499: it went away). */
  status: number;
  /** What went wrong, if something did (sent as the answer, or in-band after the first byte). */
  error: GatewayError | null;
  candidate: Candidate | null;
  attempts: number;
  outcome: ForwardOutcome | null;
  /** What the upstream reported of the answer the client got (none for failures before the first byte). */
  usage: TokenUsage | undefined;
  /** Output tokens the client got, counted or estimated: billed when no usage came (e.g. the client left). */
  produced: number;
  /** Duration of the last upstream attempt (null when none was made). */
  upstreamMs: number | null;
}

function attemptOutcome(o: ForwardOutcome): AttemptOutcome {
  if (o.kind === 'completed') return 'ok';
  if (o.kind === 'upstream_error') return o.status >= 500 ? 'http_5xx' : 'http_4xx';
  return o.kind;
}

const retryable = (o: ForwardOutcome) =>
  (o.kind === 'failed' && !o.afterHeaders) || (o.kind === 'upstream_error' && (o.status >= 500 || o.status === 429 || o.status === 408));

/**
 * Sends a request to one of the route's instances, failing over to another (then to the route's
 * fallback targets) on a connect error, timeout, 5xx or 429 before the first byte reached the client,
 * within a bounded number of attempts and one overall deadline. After the first byte, never.
 */
@Injectable()
export class Forwarder {
  constructor(
    private readonly pools: UpstreamPools,
    private readonly health: InstanceHealthRegistry,
    private readonly metrics: RelayMetrics,
  ) {}

  async forward(req: ForwardRequest): Promise<ForwardResult> {
    const tried = new Set<string>();
    let deadline = 0;
    let attempts = 0;
    let last: { error: GatewayError; candidate: Candidate; outcome: ForwardOutcome } | null = null;
    let upstreamMs: number | null = null;
    while (attempts < MAX_ATTEMPTS) {
      // A client that hung up while its request waited (for admission, between attempts) is not sent
      // upstream: its handler would never hear the close and would hold the upstream connection.
      if (req.res.destroyed) return { status: 499, error: null, candidate: last?.candidate ?? null, attempts, outcome: { kind: 'client_closed' }, usage: undefined, produced: 0, upstreamMs };
      const candidate = this.pick(req, tried);
      if (!candidate) break;
      const { instance } = candidate;
      deadline ||= req.startedAt + instance.timeoutMs;
      const remaining = Math.floor(deadline - performance.now());
      if (remaining <= 0) break;
      attempts += 1;
      tried.add(instance.id);
      const attempt = req.prepare(candidate);
      this.health.acquire(instance.id);
      const sentAt = performance.now();
      const { outcome, usage, produced } = await this.send(req, candidate, attempt, Math.min(instance.timeoutMs, remaining));
      upstreamMs = performance.now() - sentAt;
      this.health.release(instance.id);
      this.settleHealth(candidate, outcome, req.startedAt);
      this.metrics.attempt(instance, attemptOutcome(outcome), upstreamMs / 1000);
      const done = { candidate, attempts, outcome, usage, produced, upstreamMs };
      if (outcome.kind === 'completed') return { status: outcome.status, error: null, ...done };
      if (outcome.kind === 'client_closed') return { status: 499, error: null, ...done };
      if (outcome.kind === 'failed' && outcome.afterHeaders) return { status: 200, error: outcome.error, ...done };
      last = { error: outcome.error, candidate, outcome };
      if (!retryable(outcome) || !attempt.replayable) break;
    }
    const error = last?.error ?? this.nothingAvailable(req, tried, deadline);
    writeError(req.res, req.requestId, error, req.headers);
    return { status: error.status, error, candidate: last?.candidate ?? null, attempts, outcome: last?.outcome ?? null, usage: undefined, produced: 0, upstreamMs };
  }

  /** A usable candidate not tried yet: from the primary targets, else from the fallback ones. */
  private pick(req: ForwardRequest, tried: ReadonlySet<string>): Candidate | undefined {
    const from = (set: CandidateSet | null) => {
      if (!set) return undefined;
      const index = set.balancer.pick({
        usable: (i) => {
          const c = set.candidates[i]!;
          return !tried.has(c.instance.id) && req.serves(c) && this.health.usable(c.instance.id, c.instance.policy);
        },
        inFlight: (i) => this.health.inFlight(set.candidates[i]!.instance.id),
        clientIp: req.clientIp,
      });
      return index === undefined ? undefined : set.candidates[index];
    };
    return from(req.route.primary) ?? from(req.route.fallback);
  }

  private nothingAvailable(req: ForwardRequest, tried: ReadonlySet<string>, deadline: number): GatewayError {
    if (deadline && performance.now() >= deadline) return new GatewayError('upstream_timeout', `Route "${req.route.name}" found no answer within its deadline`);
    const all = [...req.route.primary.candidates, ...(req.route.fallback?.candidates ?? [])];
    if (!all.some((c) => req.serves(c))) {
      return new GatewayError('unsupported_endpoint', `Route "${req.route.name}" has no upstream that serves this endpoint`);
    }
    return new GatewayError('no_available_instance', `Every upstream of route "${req.route.name}" is unavailable (down, ejected or at capacity); retry shortly`, {
      headers: { 'retry-after': '1' },
    });
  }

  private send(
    req: ForwardRequest,
    candidate: Candidate,
    attempt: PreparedAttempt,
    timeoutMs: number,
  ): Promise<{ outcome: ForwardOutcome; usage: TokenUsage | undefined; produced: number }> {
    const { instance } = candidate;
    return new Promise((resolve) => {
      const handler: ProxyHandler = new ProxyHandler(req, instance, attempt.shaping, (outcome) => resolve({ outcome, usage: handler.usage(), produced: handler.produced() }));
      const { call } = attempt;
      this.pools.get(instance.origin).dispatch({ method: call.method, path: call.path, headers: call.headers, body: call.body, headersTimeout: timeoutMs, bodyTimeout: instance.timeoutMs }, handler);
    });
  }

  /** Passive health: transport failures and 5xx count against an instance; client mistakes do not. */
  private settleHealth(candidate: Candidate, outcome: ForwardOutcome, startedAt: number): void {
    const { instance } = candidate;
    const elapsed = performance.now() - startedAt;
    switch (outcome.kind) {
      case 'completed':
        this.health.recordSuccess(instance.id, outcome.ttfbMs);
        return;
      case 'upstream_error':
        if (outcome.status >= 500 || outcome.status === 401 || outcome.status === 403) this.health.recordFailure(instance.id, elapsed, outcome.error.message, instance.policy);
        else if (outcome.status !== 429) this.health.recordSuccess(instance.id, elapsed);
        return;
      case 'failed':
        this.health.recordFailure(instance.id, elapsed, outcome.error.message, instance.policy);
        return;
      case 'client_closed':
        return;
    }
  }
}
