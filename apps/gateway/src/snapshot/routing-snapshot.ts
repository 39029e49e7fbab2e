import type { Capability, Provider } from '@aigw/shared/admin/sources';
import type { Strategy } from '@aigw/shared/admin/routes';
import type { HealthPolicy } from '../health/instance-health.registry.js';
import type { Operation, PreparedTarget, ProviderAdapter } from '../providers/adapter.js';
import type { Balancer } from '../relay/balancers/balancer.js';
import type { ModelMatcher } from '../routes/model-glob.js';
import { Edge } from '../domains/edge.js';
import type { GovernanceUnit } from './governance.js';

/** An API key as the data plane needs it: looked up by the SHA-256 of the presented secret. */
export interface KeyEntry {
  id: string;
  name: string;
  namespaceId: string | null;
  /** Its own limits and attached policies. */
  units: readonly GovernanceUnit[];
  models: ModelMatcher;
  /** Epoch ms, or null for no expiry. */
  expiresAt: number | null;
  revoked: boolean;
}

export interface ProbeSettings {
  path: string;
  intervalMs: number;
  timeoutMs: number;
}

/** One upstream server, with everything needed to call it precomputed. */
export interface UpstreamInstance {
  id: string;
  sourceId: string;
  sourceName: string;
  provider: Provider;
  adapter: ProviderAdapter;
  /** `http://host:port` */
  origin: string;
  target: PreparedTarget;
  timeoutMs: number;
  /** Operations this instance may serve: its source's capabilities that its adapter supports. */
  operations: ReadonlySet<Operation>;
  policy: HealthPolicy;
  /** Active health checking, when the source asks for it. */
  probe: ProbeSettings | null;
}

/** A place a route may send a request: an instance, the model to ask for, and an optional path override. */
export interface Candidate {
  instance: UpstreamInstance;
  /** Rewrite of the requested model name, when the route's target sets one. */
  upstreamModel: string | undefined;
  /** Path relative to the instance URL, replacing the adapter's endpoint path. */
  path: string | undefined;
  weight: number;
}

export interface CandidateSet {
  candidates: readonly Candidate[];
  balancer: Balancer;
}

export interface RouteEntry {
  id: string;
  name: string;
  namespaceId: string | null;
  units: readonly GovernanceUnit[];
  priority: number;
  strategy: Strategy;
  models: ModelMatcher;
  paths: ModelMatcher;
  /** Lower-cased header name -> required value. */
  headers: ReadonlyArray<readonly [string, string]>;
  primary: CandidateSet;
  /** Used when no primary candidate can take the request. */
  fallback: CandidateSet | null;
}

export interface ListedModel {
  id: string;
  created: number;
  ownedBy: string;
  /** Instances its route can send to (primary and fallback). */
  instanceIds: ReadonlySet<string>;
}

export interface NamespaceEntry {
  id: string;
  name: string;
  units: readonly GovernanceUnit[];
}

/** How requests without a namespaced key find their namespace (seed 004's matchers). */
export interface NamespaceIndex {
  byDomain: ReadonlyMap<string, NamespaceEntry>;
  /** `*.example.com` -> `.example.com` */
  byWildcardDomain: ReadonlyArray<readonly [string, NamespaceEntry]>;
  byHeader: ReadonlyArray<readonly [string, string, NamespaceEntry]>;
  /** Longest prefix first. */
  byPathPrefix: ReadonlyArray<readonly [string, NamespaceEntry]>;
}

export interface RouteIndex {
  exact: ReadonlyMap<string, readonly RouteEntry[]>;
  globs: readonly RouteEntry[];
}

export interface SourceEntry {
  id: string;
  name: string;
  provider: Provider;
  capabilities: readonly Capability[];
  /** Every instance, enabled or not (disabled ones are never routed to). */
  instances: ReadonlyArray<{ id: string; enabled: boolean; upstream: UpstreamInstance | undefined }>;
}

type RequestHeaders = Record<string, string | string[] | undefined>;

const headersMatch = (route: RouteEntry, headers: RequestHeaders): boolean => route.headers.every(([name, value]) => headers[name] === value);

/** Picks the best matching route from lists already ordered best first; exact matches win ties. */
function best(exact: readonly RouteEntry[] | undefined, globs: readonly RouteEntry[], matches: (r: RouteEntry) => boolean, headers: RequestHeaders) {
  const e = exact?.find((r) => headersMatch(r, headers));
  const g = globs.find((r) => matches(r) && headersMatch(r, headers));
  if (!e) return g;
  if (!g) return e;
  return g.priority > e.priority ? g : e;
}

/**
 * Immutable routing state read on every data-plane request: no database query, no I/O.
 * Rebuilt and swapped whole when an admin changes keys, sources or routes.
 */
/** Routes by namespace: '' holds the global ones, usable from every namespace. */
type ByNamespace<T> = ReadonlyMap<string, T>;

const GLOBAL = '';

export class RoutingSnapshot {
  constructor(
    private readonly keysByHash: ReadonlyMap<string, KeyEntry>,
    private readonly modelRoutes: ByNamespace<RouteIndex>,
    private readonly pathRoutes: ByNamespace<RouteIndex>,
    private readonly models: ByNamespace<readonly ListedModel[]>,
    readonly sources: readonly SourceEntry[],
    readonly namespaces: ReadonlyMap<string, NamespaceEntry>,
    readonly namespaceIndex: NamespaceIndex,
    readonly builtAt: number,
    /** Domains and TLS certificates. */
    readonly edge: Edge = Edge.empty(),
  ) {}

  static empty(): RoutingSnapshot {
    const index: NamespaceIndex = { byDomain: new Map(), byWildcardDomain: [], byHeader: [], byPathPrefix: [] };
    return new RoutingSnapshot(new Map(), new Map(), new Map(), new Map(), [], new Map(), index, Date.now());
  }

  keyByHash(hash: string): KeyEntry | undefined {
    return this.keysByHash.get(hash);
  }

  /** The best route for `model`: the namespace's own routes first, then the global ones. */
  routeForModel(model: string, headers: RequestHeaders, namespaceId: string | null = null): RouteEntry | undefined {
    const find = (index: RouteIndex | undefined) => index && best(index.exact.get(model), index.globs, (r) => r.models.matches(model), headers);
    return (namespaceId !== null ? find(this.modelRoutes.get(namespaceId)) : undefined) ?? find(this.modelRoutes.get(GLOBAL));
  }

  /** The best path route (seed 000's task routes, e.g. `/embed/text/bge`) for a request path. */
  routeForPath(path: string, headers: RequestHeaders, namespaceId: string | null = null): RouteEntry | undefined {
    const find = (index: RouteIndex | undefined) => index && best(index.exact.get(path), index.globs, (r) => r.paths.matches(path), headers);
    return (namespaceId !== null ? find(this.pathRoutes.get(namespaceId)) : undefined) ?? find(this.pathRoutes.get(GLOBAL));
  }

  /** Does any namespace (or the global set) have a path route for this path? For the server's dispatch. */
  hasPathRoute(path: string): boolean {
    for (const index of this.pathRoutes.values()) if (index.exact.has(path) || index.globs.some((r) => r.paths.matches(path))) return true;
    return false;
  }

  /** Model names that routes name exactly (globs cannot be listed), as seen from a namespace. */
  listModels(namespaceId: string | null = null): readonly ListedModel[] {
    const global = this.models.get(GLOBAL) ?? [];
    if (namespaceId === null) return global;
    const own = this.models.get(namespaceId) ?? [];
    const ids = new Set(own.map((m) => m.id));
    return [...own, ...global.filter((m) => !ids.has(m.id))];
  }

  /** Listed model names whose route can reach an instance that passes `test`. */
  modelsServedBy(test: (instanceId: string) => boolean, namespaceId: string | null = null): string[] {
    return this.listModels(namespaceId)
      .filter((m) => [...m.instanceIds].some(test))
      .map((m) => m.id);
  }

  /** Every routable instance in the snapshot (health probing, status). */
  upstreams(): UpstreamInstance[] {
    return this.sources.flatMap((s) => s.instances.flatMap((i) => (i.upstream ? [i.upstream] : [])));
  }
}
