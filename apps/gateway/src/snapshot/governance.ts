import type { Limits } from '@aigw/shared/admin/limits';
import { ipMatcher } from '../policies/cidr.js';
import type { PolicyEntity } from '../policies/policy.entity.js';
import { ModelMatcher } from '../routes/model-glob.js';

/**
 * One set of rules that applies to a request because of what it came through: a key's own limits,
 * a namespace's, a route's, or a policy attached to any of them. Every unit that applies must pass.
 */
export interface GovernanceUnit {
  /** Base of its counters' ids: stable across snapshot rebuilds. */
  id: string;
  /** For people: `key "ci"`, `namespace "acme"`, `policy "gold" (on route "chat")`. */
  label: string;
  limits: Limits;
  /** Who shares the counters: the subject itself, each key, or each client address. */
  limitBy: 'subject' | 'key' | 'client_ip';
  allowedModels: Matcher | null;
  deniedModels: Matcher | null;
  allowedRoutes: ReadonlySet<string> | null;
  deniedRoutes: ReadonlySet<string>;
  maxRequestBytes: number | null;
  allowedIps: ((ip: string) => boolean) | null;
  /** Keep the request's and response's bodies with its usage record. */
  logBodies: boolean;
  /** Holds any counter (as opposed to only caps and access rules): asked per request, so made once. */
  counted: boolean;
  /** Counts input tokens (then a request's prompt is counted and reserved). */
  countsTokens: boolean;
}

interface Matcher {
  matches(name: string): boolean;
}

/** An explicitly empty allow list allows nothing (a ModelMatcher would read it as "everything"). */
const allowList = (globs: readonly string[]): Matcher => (globs.length ? new ModelMatcher(globs) : { matches: () => false });

const COUNTER_LIMITS: ReadonlyArray<keyof Limits> = [
  'requests_per_second',
  'requests_per_minute',
  'concurrent_requests',
  'input_tokens_per_minute',
  'output_tokens_per_minute',
  'tokens_per_day',
  'tokens_per_month',
];

/** What a unit's limits ask of the counters, worked out once when the snapshot is built. */
const counterFlags = (limits: Limits) => ({
  counted: COUNTER_LIMITS.some((name) => limits[name] !== undefined),
  countsTokens: limits.input_tokens_per_minute !== undefined || limits.tokens_per_day !== undefined || limits.tokens_per_month !== undefined,
});

/** The subject's own inline limits (a key's, a namespace's or a route's `limits`). */
export function inlineUnit(id: string, label: string, limits: Limits): GovernanceUnit {
  return { id, label, limits, limitBy: 'subject', allowedModels: null, deniedModels: null, allowedRoutes: null, deniedRoutes: new Set(), maxRequestBytes: null, allowedIps: null, logBodies: false, ...counterFlags(limits) };
}

/** A policy as attached to one subject: its counters are that subject's (or per key / per client). */
export function policyUnit(policy: PolicyEntity, subjectId: string, subjectLabel: string): GovernanceUnit {
  return {
    id: `pol:${policy.id}@${subjectId}`,
    label: `policy "${policy.name}" (on ${subjectLabel})`,
    limits: policy.limits,
    limitBy: policy.limitBy,
    allowedModels: policy.allowedModels ? allowList(policy.allowedModels) : null,
    deniedModels: policy.deniedModels.length ? new ModelMatcher(policy.deniedModels) : null,
    allowedRoutes: policy.allowedRoutes ? new Set(policy.allowedRoutes) : null,
    deniedRoutes: new Set(policy.deniedRoutes),
    maxRequestBytes: policy.maxRequestBytes,
    allowedIps: policy.allowedIps ? ipMatcher(policy.allowedIps) : null,
    logBodies: policy.logBodies,
    ...counterFlags(policy.limits),
  };
}

/** A subject's units: its inline limits (when it has any) and each attached policy. */
export function unitsOf(
  subjectId: string,
  subjectLabel: string,
  limits: Limits,
  policyIds: readonly string[],
  policies: ReadonlyMap<string, PolicyEntity>,
): GovernanceUnit[] {
  const units: GovernanceUnit[] = [];
  if (Object.keys(limits).length) units.push(inlineUnit(subjectId, subjectLabel, limits));
  for (const id of policyIds) {
    const policy = policies.get(id);
    if (policy) units.push(policyUnit(policy, subjectId, subjectLabel));
  }
  return units;
}
