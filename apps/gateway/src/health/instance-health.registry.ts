import type { InstanceHealth } from '@aigw/shared/admin/sources';

/** How one instance is judged: from its source's `health_check`, or the defaults. */
export interface HealthPolicy {
  /** Consecutive failures (requests or probes) that take an instance out of rotation. */
  unhealthyThreshold: number;
  /** Consecutive successful probes that bring an ejected instance back. */
  healthyThreshold: number;
  maxConcurrent: number | null;
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = { unhealthyThreshold: 3, healthyThreshold: 1, maxConcurrent: null };

const BASE_COOLDOWN_MS = 5_000;
const MAX_COOLDOWN_MS = 60_000;

interface State {
  inFlight: number;
  consecutiveFailures: number;
  consecutiveProbeSuccesses: number;
  /** 0: in rotation. Otherwise out until then; after it, one trial request (half-open) decides. */
  ejectedUntil: number;
  cooldownMs: number;
  trialInFlight: boolean;
  lastCheckedAt: number;
  latencyMs: number | null;
  lastError: string | null;
  lastOk: boolean | null;
}

/**
 * Live health of every upstream instance on this replica: requests in flight, passive ejection
 * after consecutive failures with a growing cooldown and a half-open trial, and the results of
 * active probes. Survives routing-snapshot rebuilds (keyed by instance id). No I/O.
 */
export class InstanceHealthRegistry {
  private readonly states = new Map<string, State>();

  constructor(private readonly now: () => number = Date.now) {}

  private state(id: string): State {
    let s = this.states.get(id);
    if (!s) {
      s = { inFlight: 0, consecutiveFailures: 0, consecutiveProbeSuccesses: 0, ejectedUntil: 0, cooldownMs: BASE_COOLDOWN_MS, trialInFlight: false, lastCheckedAt: 0, latencyMs: null, lastError: null, lastOk: null };
      this.states.set(id, s);
    }
    return s;
  }

  inFlight(id: string): number {
    return this.states.get(id)?.inFlight ?? 0;
  }

  /** Can this instance take a request now? Ejected ones wait out their cooldown, then admit one trial. */
  usable(id: string, policy: HealthPolicy): boolean {
    const s = this.states.get(id);
    if (!s) return true;
    if (policy.maxConcurrent !== null && s.inFlight >= policy.maxConcurrent) return false;
    if (s.ejectedUntil === 0) return true;
    return s.ejectedUntil <= this.now() && !s.trialInFlight;
  }

  /** A request is going to the instance; pair with `release`. */
  acquire(id: string): void {
    const s = this.state(id);
    s.inFlight += 1;
    if (s.ejectedUntil !== 0 && s.ejectedUntil <= this.now()) s.trialInFlight = true;
  }

  release(id: string): void {
    const s = this.state(id);
    s.inFlight = Math.max(0, s.inFlight - 1);
  }

  recordSuccess(id: string, latencyMs: number): void {
    const s = this.state(id);
    Object.assign(s, { consecutiveFailures: 0, ejectedUntil: 0, cooldownMs: BASE_COOLDOWN_MS, trialInFlight: false, lastOk: true, lastError: null });
    this.checked(s, latencyMs);
  }

  /** A failed request (connect error, timeout, 5xx): enough in a row, or a failed trial, ejects. */
  recordFailure(id: string, latencyMs: number, error: string, policy: HealthPolicy): void {
    const s = this.state(id);
    s.consecutiveFailures += 1;
    s.consecutiveProbeSuccesses = 0;
    Object.assign(s, { lastOk: false, lastError: error });
    this.checked(s, latencyMs);
    if (s.trialInFlight) {
      s.trialInFlight = false;
      s.cooldownMs = Math.min(MAX_COOLDOWN_MS, s.cooldownMs * 2);
      s.ejectedUntil = this.now() + s.cooldownMs;
    } else if (s.ejectedUntil === 0 && s.consecutiveFailures >= policy.unhealthyThreshold) {
      s.ejectedUntil = this.now() + s.cooldownMs;
    }
  }

  /** An active probe's result: probes alone can eject and, after `healthyThreshold` successes, restore. */
  recordProbe(id: string, ok: boolean, latencyMs: number, error: string | null, policy: HealthPolicy): void {
    const s = this.state(id);
    if (!ok) {
      this.recordFailure(id, latencyMs, error ?? 'health probe failed', policy);
      return;
    }
    s.consecutiveProbeSuccesses += 1;
    if (s.ejectedUntil === 0 || s.consecutiveProbeSuccesses >= policy.healthyThreshold) this.recordSuccess(id, latencyMs);
    else this.checked(s, latencyMs);
  }

  view(id: string): InstanceHealth {
    const s = this.states.get(id);
    if (!s) return { state: 'unknown', last_checked_at: null, latency_ms: null, last_error: null, consecutive_failures: 0, in_flight: 0 };
    const state = s.ejectedUntil > this.now() ? 'ejected' : s.lastOk === null ? 'unknown' : s.lastOk ? 'healthy' : 'unhealthy';
    return {
      state,
      last_checked_at: s.lastCheckedAt ? new Date(s.lastCheckedAt).toISOString() : null,
      latency_ms: s.latencyMs === null ? null : Math.round(s.latencyMs * 10) / 10,
      last_error: s.lastError,
      consecutive_failures: s.consecutiveFailures,
      in_flight: s.inFlight,
    };
  }

  private checked(s: State, latencyMs: number): void {
    s.lastCheckedAt = this.now();
    s.latencyMs = latencyMs;
  }
}
