import type { Limits } from '@aigw/shared/admin/limits';
import type { EffectivePolicy } from '@aigw/shared/admin/policies';
import { ModelMatcher } from '../routes/model-glob.js';
import { parseRange } from './cidr.js';
import type { PolicyEntity } from './policy.entity.js';

/** Something whose rules apply to a key's requests: the key itself, its namespace, or an attached policy. */
export interface RuleSource {
  /** For people: `key "ci"`, `policy "gold" (on namespace "acme")`. */
  label: string;
  limits: Limits;
  allowedModels: string[] | null;
  deniedModels: string[];
  allowedRoutes: string[] | null;
  deniedRoutes: string[];
  maxRequestBytes: number | null;
  allowedIps: string[] | null;
}

/** A subject's own limits (no access rules of its own beyond them). */
export const subjectRules = (label: string, limits: Limits, allowedModels: string[] | null = null): RuleSource => ({
  label,
  limits,
  allowedModels,
  deniedModels: [],
  allowedRoutes: null,
  deniedRoutes: [],
  maxRequestBytes: null,
  allowedIps: null,
});

export const policyRules = (policy: PolicyEntity, attachedTo: string): RuleSource => ({
  label: `policy "${policy.name}" (on ${attachedTo})`,
  limits: policy.limits,
  allowedModels: policy.allowedModels,
  deniedModels: policy.deniedModels,
  allowedRoutes: policy.allowedRoutes,
  deniedRoutes: policy.deniedRoutes,
  maxRequestBytes: policy.maxRequestBytes,
  allowedIps: policy.allowedIps,
});

/**
 * Allow lists all apply, so the result is their intersection. Model globs cannot be intersected in
 * general: an entry is kept when every other list admits it (exact for names; `gpt-*` and `gpt-4o`
 * give `gpt-4o`).
 */
function intersectModels(lists: string[][]): string[] | null {
  if (lists.length === 0) return null;
  if (lists.some((l) => l.length === 0)) return []; // an empty allow list allows nothing
  const matchers = lists.map((l) => new ModelMatcher(l));
  const kept = lists.flatMap((list, i) => list.filter((glob) => matchers.every((m, j) => j === i || m.matches(glob))));
  return [...new Set(kept)];
}

function intersectNames(lists: string[][]): string[] | null {
  if (lists.length === 0) return null;
  return lists[0]!.filter((name) => lists.every((l) => l.includes(name)));
}

/** Address ranges: a range is kept when it lies inside some range of every other list. */
function intersectRanges(lists: string[][]): string[] | null {
  if (lists.length === 0) return null;
  const parsed = lists.map((l) => l.map((value) => ({ value, range: parseRange(value) })));
  const inside = (a: ReturnType<typeof parseRange>, b: ReturnType<typeof parseRange>) => a[0].kind() === b[0].kind() && a[1] >= b[1] && a[0].match(b as never);
  const kept = parsed.flatMap((list, i) => list.filter((entry) => parsed.every((other, j) => j === i || other.some((o) => inside(entry.range, o.range)))).map((e) => e.value));
  return [...new Set(kept)];
}

const present = <T>(values: (T | null)[]): T[] => values.filter((v): v is T => v !== null);

/** "closed" (refuse when the limit store is down) is the tighter choice. */
const tighter = (a: number | string, b: number | string) => (typeof a === 'number' && typeof b === 'number' ? b < a : b === 'closed' && a === 'open');

/**
 * What applies to every request of a key, before a route adds its own rules: allow lists intersect,
 * deny lists add up, and each limit is at its tightest, with where it comes from.
 */
export function composeEffectivePolicy(keyId: string, namespaceId: string | null, sources: readonly RuleSource[]): EffectivePolicy {
  const limits = new Map<keyof Limits, { value: number | string; from: string }>();
  for (const source of sources) {
    for (const [name, value] of Object.entries(source.limits) as [keyof Limits, number | string][]) {
      const current = limits.get(name);
      if (!current || tighter(current.value, value)) limits.set(name, { value, from: source.label });
    }
  }
  const maxBytes = present(sources.map((s) => s.maxRequestBytes));
  return {
    key_id: keyId,
    namespace_id: namespaceId,
    allowed_models: intersectModels(present(sources.map((s) => s.allowedModels))),
    denied_models: [...new Set(sources.flatMap((s) => s.deniedModels))],
    allowed_routes: intersectNames(present(sources.map((s) => s.allowedRoutes))),
    denied_routes: [...new Set(sources.flatMap((s) => s.deniedRoutes))],
    limits: [...limits].map(([name, { value, from }]) => ({ name, value, from })),
    max_request_bytes: maxBytes.length ? Math.min(...maxBytes) : null,
    allowed_ips: intersectRanges(present(sources.map((s) => s.allowedIps))),
  };
}
