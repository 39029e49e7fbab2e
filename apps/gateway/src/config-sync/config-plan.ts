import { createHash } from 'node:crypto';
import type { ConfigChange, ConfigDocument } from '@aigw/shared/admin/config';
import type { CreateRouteParsed, RouteMatch, RouteTarget } from '@aigw/shared/admin/routes';
import type { Capability, CreateSourceParsed, HealthCheck, InstanceParsed, Provider } from '@aigw/shared/admin/sources';
import type { DocumentProblem } from './config-document.js';
import { byName, type GatewayState, type StateInstance, type StateRoute, type StateSource } from './config-state.js';

type DocumentSource = ConfigDocument['sources'][number];
type DocumentRoute = ConfigDocument['routes'][number];
type DocumentTarget = DocumentRoute['targets'][number];

/** A document source with its effective capabilities (the provider's default when the document names none). */
export interface DesiredSource extends Omit<DocumentSource, 'capabilities'> {
  capabilities: Capability[];
}

export interface DesiredDocument {
  sources: DesiredSource[];
  routes: DocumentRoute[];
}

/** A route whose targets name their source; the executor turns names into ids. */
export type NamedRoute = Omit<CreateRouteParsed, 'targets' | 'fallback'> & { targets: NamedTarget[]; fallback: NamedTarget[] };
export interface NamedTarget extends Omit<RouteTarget, 'source_id'> {
  source: string;
}

export type PlanStep =
  | { kind: 'source'; action: 'create'; name: string; source: CreateSourceParsed }
  | { kind: 'source'; action: 'update'; name: string; id: string; source: CreateSourceParsed }
  | { kind: 'route'; action: 'create'; name: string; route: NamedRoute }
  | { kind: 'route'; action: 'update'; name: string; id: string; route: NamedRoute }
  | { kind: 'source' | 'route'; action: 'delete'; name: string; id: string };

export interface ConfigPlan {
  /** Every source and route, in the order of `steps` (unchanged ones where they would have been). */
  changes: ConfigChange[];
  /** The writes, in a safe order: sources, routes, then (prune) routes before sources are deleted. */
  steps: PlanStep[];
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with sorted object keys and undefined left out: equal values, equal strings. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const sameSet = (a: readonly string[], b: readonly string[]) => same([...new Set(a)].sort(), [...new Set(b)].sort());

/** Empty lists and maps mean "none": `models: []` and no `models` match the same. */
export function normalMatch(match: RouteMatch | DocumentRoute['match']): RouteMatch {
  return {
    ...(match.models?.length ? { models: match.models } : {}),
    ...(match.paths?.length ? { paths: match.paths } : {}),
    ...(match.headers && Object.keys(match.headers).length ? { headers: match.headers } : {}),
  };
}

const namedTarget = (t: DocumentTarget): NamedTarget => ({
  source: t.source,
  weight: t.weight,
  ...(t.model !== undefined ? { model: t.model } : {}),
  ...(t.path !== undefined ? { path: t.path } : {}),
});

function desiredRoute(r: DocumentRoute): NamedRoute {
  return {
    name: r.name,
    match: normalMatch(r.match),
    targets: r.targets.map(namedTarget),
    fallback: (r.fallback ?? []).map(namedTarget),
    strategy: r.strategy,
    priority: r.priority,
    enabled: r.enabled,
  };
}

function currentRoute(r: StateRoute, sourceName: (id: string) => string): NamedRoute {
  const named = (t: RouteTarget): NamedTarget => ({
    source: sourceName(t.source_id),
    weight: t.weight,
    ...(t.model !== undefined ? { model: t.model } : {}),
    ...(t.path !== undefined ? { path: t.path } : {}),
  });
  return {
    name: r.name,
    match: normalMatch(r.match),
    targets: r.targets.map(named),
    fallback: r.fallback.map(named),
    strategy: r.strategy,
    priority: r.priority,
    enabled: r.enabled,
  };
}

const ROUTE_FIELDS = ['match', 'targets', 'fallback', 'strategy', 'priority', 'enabled'] as const;

interface InstancePlan {
  inputs: InstanceParsed[];
  changed: boolean;
}

/** Document instances matched to stored ones by URL (first unused one with the same URL), in document order. */
function planInstances(desired: DesiredSource['instances'], current: StateInstance[]): InstancePlan {
  const unused = [...current];
  let changed = desired.length !== current.length;
  const inputs = desired.map((d, position): InstanceParsed => {
    const at = unused.findIndex((c) => c.url === d.url);
    const match = at >= 0 ? unused.splice(at, 1)[0] : undefined;
    const input: InstanceParsed = {
      ...(match ? { id: match.id } : {}),
      url: d.url,
      weight: d.weight,
      // omitted: an existing instance keeps its stored key
      ...(d.api_key !== undefined ? { api_key: d.api_key } : {}),
      headers: d.headers ?? {},
      enabled: d.enabled,
      max_concurrent: d.max_concurrent ?? null,
    };
    if (!match || current[position]?.id !== match.id) changed = true;
    else {
      const keyDiffers = d.api_key !== undefined && sha256(d.api_key) !== match.api_key_sha256;
      const { id: _id, api_key_sha256: _hash, ...stored } = match;
      const { id: _i, api_key: _k, ...wanted } = input;
      if (keyDiffers || !same(stored, wanted)) changed = true;
    }
    return input;
  });
  return { inputs, changed };
}

interface SourceShape {
  provider: Provider;
  capabilities: Capability[];
  api_version: string | null;
  timeout_ms: number | null;
  health_check: HealthCheck | null;
}

function sourceFieldsThatDiffer(current: StateSource, desired: DesiredSource, instancesChanged: boolean): string[] {
  const want: SourceShape = {
    provider: desired.provider,
    capabilities: desired.capabilities,
    api_version: desired.api_version ?? null,
    timeout_ms: desired.timeout_ms ?? null,
    health_check: desired.health_check ?? null,
  };
  const fields: string[] = [];
  if (current.provider !== want.provider) fields.push('provider');
  if (!sameSet(current.capabilities, want.capabilities)) fields.push('capabilities');
  if (current.api_version !== want.api_version) fields.push('api_version');
  if (current.timeout_ms !== want.timeout_ms) fields.push('timeout_ms');
  if (!same(current.health_check, want.health_check)) fields.push('health_check');
  if (instancesChanged) fields.push('instances');
  return fields;
}

const sourceInput = (desired: DesiredSource, instances: InstanceParsed[]): CreateSourceParsed => ({
  name: desired.name,
  provider: desired.provider,
  capabilities: desired.capabilities,
  instances,
  ...(desired.timeout_ms !== undefined ? { timeout_ms: desired.timeout_ms } : {}),
  ...(desired.health_check !== undefined ? { health_check: desired.health_check } : {}),
  ...(desired.api_version !== undefined ? { api_version: desired.api_version } : {}),
});

/**
 * Every target names a source the gateway will have: one in the document, or (without prune, which
 * would delete it) one it has already.
 */
export function checkReferences(state: GatewayState, document: DesiredDocument, prune: boolean): DocumentProblem[] {
  const known = new Set([...document.sources.map((s) => s.name), ...(prune ? [] : state.sources.map((s) => s.name))]);
  const problems: DocumentProblem[] = [];
  document.routes.forEach((route, i) => {
    for (const list of ['targets', 'fallback'] as const) {
      (route[list] ?? []).forEach((t, j) => {
        if (known.has(t.source)) return;
        const exists = state.sources.some((s) => s.name === t.source);
        problems.push({
          path: `routes.${i}.${list}.${j}.source`,
          message: exists
            ? `source "${t.source}" is not in the document, and prune would delete it`
            : `source "${t.source}" is neither in the document nor in the gateway`,
        });
      });
    }
  });
  return problems;
}

/**
 * Current state + desired document -> what to change, by name: create what is new, update what
 * differs (naming the top-level fields), leave the rest alone; with prune, delete what the document
 * does not name. Pure; references must have been checked (checkReferences).
 */
export function planConfig(state: GatewayState, document: DesiredDocument, options: { prune: boolean }): ConfigPlan {
  const changes: ConfigChange[] = [];
  const steps: PlanStep[] = [];
  const sourcesByName = new Map(state.sources.map((s) => [s.name, s]));
  const routesByName = new Map(state.routes.map((r) => [r.name, r]));
  const sourceNames = new Map(state.sources.map((s) => [s.id, s.name]));
  const sourceName = (id: string) => sourceNames.get(id) ?? `(missing source ${id})`;

  for (const desired of document.sources) {
    const current = sourcesByName.get(desired.name);
    const instances = planInstances(desired.instances, current?.instances ?? []);
    const input = sourceInput(desired, instances.inputs);
    if (!current) {
      changes.push({ kind: 'source', name: desired.name, action: 'create' });
      steps.push({ kind: 'source', action: 'create', name: desired.name, source: input });
      continue;
    }
    const fields = sourceFieldsThatDiffer(current, desired, instances.changed);
    if (fields.length === 0) changes.push({ kind: 'source', name: desired.name, action: 'unchanged' });
    else {
      changes.push({ kind: 'source', name: desired.name, action: 'update', fields });
      steps.push({ kind: 'source', action: 'update', name: desired.name, id: current.id, source: input });
    }
  }

  for (const route of document.routes) {
    const desired = desiredRoute(route);
    const current = routesByName.get(route.name);
    if (!current) {
      changes.push({ kind: 'route', name: route.name, action: 'create' });
      steps.push({ kind: 'route', action: 'create', name: route.name, route: desired });
      continue;
    }
    const stored = currentRoute(current, sourceName);
    const fields = ROUTE_FIELDS.filter((f) => !same(stored[f], desired[f]));
    if (fields.length === 0) changes.push({ kind: 'route', name: route.name, action: 'unchanged' });
    else {
      changes.push({ kind: 'route', name: route.name, action: 'update', fields: [...fields] });
      steps.push({ kind: 'route', action: 'update', name: route.name, id: current.id, route: desired });
    }
  }

  if (options.prune) {
    const keepRoutes = new Set(document.routes.map((r) => r.name));
    const keepSources = new Set(document.sources.map((s) => s.name));
    for (const r of [...state.routes].sort(byName).filter((r) => !keepRoutes.has(r.name))) {
      changes.push({ kind: 'route', name: r.name, action: 'delete' });
      steps.push({ kind: 'route', action: 'delete', name: r.name, id: r.id });
    }
    for (const s of [...state.sources].sort(byName).filter((s) => !keepSources.has(s.name))) {
      changes.push({ kind: 'source', name: s.name, action: 'delete' });
      steps.push({ kind: 'source', action: 'delete', name: s.name, id: s.id });
    }
  }
  return { changes, steps };
}
