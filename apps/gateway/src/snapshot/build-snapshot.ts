import type { RouteTarget, Strategy } from '@aigw/shared/admin/routes';
import type { SecretBox } from '../crypto/secret-box.js';
import { DEFAULT_HEALTH_POLICY } from '../health/instance-health.registry.js';
import type { ApiKeyEntity } from '../keys/api-key.entity.js';
import { OPERATIONS, type ProviderAdapter, type UpstreamTarget } from '../providers/adapter.js';
import { CAPABILITY_OF } from '../providers/capabilities.js';
import { adapterFor } from '../providers/registry.js';
import type { Balancer } from '../relay/balancers/balancer.js';
import { ConsistentHash } from '../relay/balancers/consistent-hash.js';
import { LeastConnections } from '../relay/balancers/least-connections.js';
import { SmoothWeightedRoundRobin } from '../relay/balancers/smooth-weighted-round-robin.js';
import { WeightedRandom } from '../relay/balancers/weighted-random.js';
import { ModelMatcher, isGlob } from '../routes/model-glob.js';
import type { RouteEntity } from '../routes/route.entity.js';
import { instanceKeyContext } from '../sources/instance-secret.js';
import type { SourceInstanceEntity } from '../sources/source-instance.entity.js';
import type { SourceEntity } from '../sources/source.entity.js';
import type { NamespaceEntity } from '../namespaces/namespace.entity.js';
import type { PolicyEntity } from '../policies/policy.entity.js';
import type { CertificateEntity } from '../certificates/certificate.entity.js';
import type { DomainEntity } from '../domains/domain.entity.js';
import { buildEdge, type EdgeOptions } from '../domains/edge.js';
import { unitsOf } from './governance.js';
import {
  RoutingSnapshot,
  type NamespaceEntry,
  type NamespaceIndex,
  type RouteIndex,
  type Candidate,
  type CandidateSet,
  type KeyEntry,
  type ListedModel,
  type RouteEntry,
  type SourceEntry,
  type UpstreamInstance,
} from './routing-snapshot.js';

export interface SnapshotRows {
  keys: ApiKeyEntity[];
  sources: SourceEntity[];
  instances: SourceInstanceEntity[];
  routes: RouteEntity[];
  namespaces?: NamespaceEntity[];
  policies?: PolicyEntity[];
  domains?: DomainEntity[];
  certificates?: CertificateEntity[];
}

export interface SnapshotOptions {
  secrets: SecretBox;
  defaultTimeoutMs: number;
  /** Told about an instance left out (its key cannot be decrypted): the rest still routes. */
  onSkippedInstance?: (instanceId: string, reason: string) => void;
  /** How certificates become TLS contexts; without it the snapshot serves no domains or certificates. */
  tls?: EdgeOptions;
}

const DEFAULT_PROBE_INTERVAL_S = 10;
const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

function toKeyEntry(k: ApiKeyEntity, policies: ReadonlyMap<string, PolicyEntity>): KeyEntry {
  return {
    id: k.id,
    name: k.name,
    namespaceId: k.namespaceId,
    units: unitsOf(`key:${k.id}`, `key "${k.name}"`, k.limits ?? {}, k.policyIds ?? [], policies),
    models: new ModelMatcher(k.models),
    expiresAt: k.expiresAt ? k.expiresAt.getTime() : null,
    revoked: k.revokedAt !== null,
  };
}

function toUpstream(i: SourceInstanceEntity, source: SourceEntity, adapter: ProviderAdapter, options: SnapshotOptions): UpstreamInstance | undefined {
  let apiKey: string | undefined;
  if (i.apiKeyEnc) {
    try {
      apiKey = options.secrets.open(i.apiKeyEnc, instanceKeyContext(i.id));
    } catch {
      options.onSkippedInstance?.(i.id, 'its API key cannot be decrypted with this MASTER_KEY');
      return undefined;
    }
  }
  const url = new URL(i.url);
  const extraHeaders = Object.fromEntries(Object.entries(i.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const target: UpstreamTarget = {
    basePath: url.pathname.replace(/\/+$/, ''),
    search: url.search,
    apiKey,
    extraHeaders,
    options: { apiVersion: source.apiVersion ?? undefined },
  };
  const check = source.healthCheck;
  return {
    id: i.id,
    sourceId: source.id,
    sourceName: source.name,
    provider: source.provider,
    adapter,
    origin: url.origin,
    target: { ...target, headers: Object.freeze(adapter.headers(target)) },
    timeoutMs: source.timeoutMs ?? options.defaultTimeoutMs,
    operations: new Set(OPERATIONS.filter((op) => adapter.capabilities[op] && source.capabilities.includes(CAPABILITY_OF[op]))),
    policy: {
      unhealthyThreshold: check?.unhealthy_threshold ?? DEFAULT_HEALTH_POLICY.unhealthyThreshold,
      healthyThreshold: check?.healthy_threshold ?? DEFAULT_HEALTH_POLICY.healthyThreshold,
      maxConcurrent: i.maxConcurrent,
    },
    probe: check
      ? {
          path: check.path ?? adapter.healthPath,
          intervalMs: (check.interval_s ?? DEFAULT_PROBE_INTERVAL_S) * 1000,
          timeoutMs: check.timeout_ms ?? DEFAULT_PROBE_TIMEOUT_MS,
        }
      : null,
  };
}

function balancerFor(strategy: Strategy, candidates: readonly Candidate[]): Balancer {
  const weights = candidates.map((c) => c.weight);
  switch (strategy) {
    case 'round_robin':
      return new SmoothWeightedRoundRobin(weights);
    case 'weighted_random':
      return new WeightedRandom(weights);
    case 'least_connections':
      return new LeastConnections(weights);
    case 'ip_hash':
      // keyed by instance and model, so a client's instance survives unrelated config changes
      return new ConsistentHash(
        candidates.map((c) => `${c.instance.id}/${c.upstreamModel ?? ''}`),
        weights.map((w) => w / Math.max(...weights, Number.MIN_VALUE)),
      );
  }
}

function namespaceIndex(rows: NamespaceEntity[], entries: ReadonlyMap<string, NamespaceEntry>): NamespaceIndex {
  const byDomain = new Map<string, NamespaceEntry>();
  const byWildcardDomain: Array<[string, NamespaceEntry]> = [];
  const byHeader: Array<[string, string, NamespaceEntry]> = [];
  const byPathPrefix: Array<[string, NamespaceEntry]> = [];
  for (const row of rows) {
    const entry = entries.get(row.id)!;
    for (const domain of row.matchers.domains ?? []) {
      if (domain.startsWith('*.')) byWildcardDomain.push([domain.slice(1), entry]);
      else byDomain.set(domain, entry);
    }
    for (const [name, value] of Object.entries(row.matchers.headers ?? {})) byHeader.push([name.toLowerCase(), value, entry]);
    for (const prefix of row.matchers.path_prefixes ?? []) byPathPrefix.push([prefix, entry]);
  }
  byWildcardDomain.sort((a, b) => b[0].length - a[0].length);
  byPathPrefix.sort((a, b) => b[0].length - a[0].length);
  return { byDomain, byWildcardDomain, byHeader, byPathPrefix };
}

const byPriority = (a: RouteEntity, b: RouteEntity) => b.priority - a.priority || a.createdAt.getTime() - b.createdAt.getTime();

function index(routes: RouteEntry[], patternsOf: (r: RouteEntry) => string[]) {
  const exact = new Map<string, RouteEntry[]>();
  const globs: RouteEntry[] = [];
  for (const route of routes) {
    const patterns = patternsOf(route);
    if (patterns.some(isGlob)) globs.push(route);
    for (const p of patterns.filter((p) => !isGlob(p))) exact.set(p, [...(exact.get(p) ?? []), route]);
  }
  return { exact, globs };
}

/** Database rows -> the immutable snapshot the data plane reads. Pure apart from decrypting upstream keys. */
export function buildSnapshot(rows: SnapshotRows, options: SnapshotOptions): RoutingSnapshot {
  const policies = new Map((rows.policies ?? []).map((p) => [p.id, p]));
  const keys = new Map(rows.keys.map((k) => [k.keyHash, toKeyEntry(k, policies)]));
  const namespaces = new Map(
    (rows.namespaces ?? []).map((n) => [n.id, { id: n.id, name: n.name, units: unitsOf(`ns:${n.id}`, `namespace "${n.name}"`, n.limits, n.policyIds, policies) }]),
  );

  const instancesOf = new Map<string, SourceInstanceEntity[]>();
  for (const i of [...rows.instances].sort((a, b) => a.position - b.position)) instancesOf.set(i.sourceId, [...(instancesOf.get(i.sourceId) ?? []), i]);

  const sources: SourceEntry[] = [];
  /** source id -> its routable instances with their weights */
  const routable = new Map<string, Array<{ upstream: UpstreamInstance; weight: number }>>();
  for (const source of rows.sources) {
    const adapter = adapterFor(source.provider);
    const instances = (instancesOf.get(source.id) ?? []).map((i) => ({
      id: i.id,
      enabled: i.enabled,
      weight: i.weight,
      upstream: adapter && i.enabled ? toUpstream(i, source, adapter, options) : undefined,
    }));
    sources.push({ id: source.id, name: source.name, provider: source.provider, capabilities: source.capabilities, instances });
    routable.set(
      source.id,
      instances.flatMap((i) => (i.upstream && i.weight > 0 ? [{ upstream: i.upstream, weight: i.weight }] : [])),
    );
  }

  // A target's weight is shared among its source's instances by their weights.
  const candidateSet = (targets: RouteTarget[], strategy: Strategy): CandidateSet => {
    const candidates: Candidate[] = [];
    for (const t of targets) {
      const instances = routable.get(t.source_id) ?? [];
      const sum = instances.reduce((s, i) => s + i.weight, 0);
      for (const { upstream, weight } of instances) {
        candidates.push({ instance: upstream, upstreamModel: t.model, path: t.path, weight: (t.weight * weight) / sum });
      }
    }
    return { candidates, balancer: balancerFor(strategy, candidates) };
  };

  const routes: RouteEntry[] = rows.routes
    .filter((r) => r.enabled)
    .sort(byPriority)
    .map((r) => ({
      id: r.id,
      name: r.name,
      namespaceId: r.namespaceId ?? null,
      units: unitsOf(`route:${r.id}`, `route "${r.name}"`, r.limits ?? {}, r.policyIds ?? [], policies),
      priority: r.priority,
      strategy: r.strategy,
      models: new ModelMatcher(r.match.models ?? []),
      paths: new ModelMatcher(r.match.paths ?? []),
      headers: Object.entries(r.match.headers ?? {}).map(([n, v]) => [n.toLowerCase(), v] as const),
      primary: candidateSet(r.targets, r.strategy),
      fallback: r.fallback.length ? candidateSet(r.fallback, r.strategy) : null,
    }));

  const byId = new Map(rows.routes.map((r) => [r.id, r]));
  const groups = new Map<string, RouteEntry[]>();
  for (const route of routes) groups.set(route.namespaceId ?? '', [...(groups.get(route.namespaceId ?? '') ?? []), route]);
  const modelRoutes = new Map<string, RouteIndex>();
  const pathRoutes = new Map<string, RouteIndex>();
  const models = new Map<string, ListedModel[]>();
  for (const [namespace, group] of groups) {
    modelRoutes.set(namespace, index(group, (r) => byId.get(r.id)!.match.models ?? []));
    pathRoutes.set(namespace, index(group, (r) => byId.get(r.id)!.match.paths ?? []));
    const listed = new Map<string, ListedModel>();
    for (const route of group) {
      const row = byId.get(route.id)!;
      const instanceIds = new Set([...route.primary.candidates, ...(route.fallback?.candidates ?? [])].map((c) => c.instance.id));
      for (const m of row.match.models ?? []) {
        if (!isGlob(m) && !listed.has(m)) listed.set(m, { id: m, created: Math.floor(row.createdAt.getTime() / 1000), ownedBy: 'aigw', instanceIds });
      }
    }
    models.set(namespace, [...listed.values()]);
  }

  const edge = options.tls ? buildEdge(rows.domains ?? [], rows.certificates ?? [], namespaces, options.tls) : undefined;
  return new RoutingSnapshot(keys, modelRoutes, pathRoutes, models, sources, namespaces, namespaceIndex(rows.namespaces ?? [], namespaces), Date.now(), edge);
}
