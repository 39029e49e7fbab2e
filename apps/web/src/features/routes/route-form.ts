import { createRouteSchema, strategySchema, type CreateRouteRequest, type Route, type RouteTarget, type Strategy } from '@aigw/shared/admin/routes';
import { errorsFromIssues, headersFromRows, mergeErrors, parseList, parseWholeNumber, rowsFromHeaders, type FieldErrors, type HeaderRow } from '../../lib/form-errors';

export const STRATEGIES: readonly Strategy[] = strategySchema.options;

export const strategyLabels: Record<Strategy, { label: string; description: string }> = {
  round_robin: { label: 'Round robin', description: 'Each target in turn, in proportion to its weight' },
  weighted_random: { label: 'Weighted random', description: 'A random target, weighted' },
  least_connections: { label: 'Least connections', description: 'The target with the fewest requests in flight' },
  ip_hash: { label: 'IP hash', description: 'The same client IP goes to the same target' },
};

export type TargetList = 'targets' | 'fallback';

/** One target as the form holds it: text as typed. */
export interface TargetFormValues {
  rowKey: string;
  sourceId: string;
  weight: string;
  /** Upstream model name; blank sends the requested name unchanged. */
  model: string;
  path: string;
}

export interface RouteFormValues {
  name: string;
  /** Model names or globs, comma or line separated. */
  models: string;
  paths: string;
  headers: HeaderRow[];
  targets: TargetFormValues[];
  fallback: TargetFormValues[];
  strategy: Strategy;
  priority: string;
  enabled: boolean;
}

let rowCounter = 0;
export const emptyTarget = (sourceId = ''): TargetFormValues => ({ rowKey: `target-${++rowCounter}`, sourceId, weight: '1', model: '', path: '' });

export function emptyRouteForm(): RouteFormValues {
  return { name: '', models: '', paths: '', headers: [], targets: [emptyTarget()], fallback: [], strategy: 'round_robin', priority: '0', enabled: true };
}

const targetToForm = (t: RouteTarget): TargetFormValues => ({ ...emptyTarget(t.source_id), weight: String(t.weight), model: t.model ?? '', path: t.path ?? '' });

export function routeToForm(route: Route): RouteFormValues {
  return {
    name: route.name,
    models: (route.match.models ?? []).join(', '),
    paths: (route.match.paths ?? []).join(', '),
    headers: rowsFromHeaders(route.match.headers),
    targets: route.targets.map(targetToForm),
    fallback: route.fallback.map(targetToForm),
    strategy: route.strategy,
    priority: String(route.priority),
    enabled: route.enabled,
  };
}

const TOP_FIELDS = new Set(['name', 'strategy', 'priority', 'enabled']);
const MATCH_FIELDS = new Set(['models', 'paths', 'headers']);
const TARGET_FIELDS = new Set(['source_id', 'weight', 'model', 'path']);

/** The form field that shows an error about this API param (`match.models.3` -> `match.models`). */
export function routeFieldOf(param: string): string | null {
  const [head, second, third] = param.split('.');
  if (head && TOP_FIELDS.has(head)) return head;
  if (head === 'match') return second && MATCH_FIELDS.has(second) ? `match.${second}` : 'match';
  if (head === 'targets' || head === 'fallback') {
    if (second === undefined || !/^\d+$/.test(second)) return head;
    return third && TARGET_FIELDS.has(third) ? `${head}.${second}.${third}` : `${head}.${second}`;
  }
  return null;
}

function targetBody(errors: FieldErrors, list: TargetList, index: number, t: TargetFormValues): RouteTarget {
  const at = `${list}.${index}`;
  if (!t.sourceId) errors[`${at}.source_id`] = 'Choose a source';
  const weight = parseWholeNumber(t.weight);
  if (weight !== undefined && Number.isNaN(weight)) errors[`${at}.weight`] = 'Enter a whole number';
  const model = t.model.trim();
  const path = t.path.trim();
  return { source_id: t.sourceId, weight: weight ?? 1, ...(model ? { model } : {}), ...(path ? { path } : {}) };
}

export type RouteFormResult = { ok: true; body: CreateRouteRequest } | { ok: false; errors: FieldErrors };

/**
 * Checks the form as the gateway will (its own schema) and builds the create body, which is also
 * the update body: every field is sent, so an edit replaces the matchers, targets and fallback.
 */
export function toRouteRequest(values: RouteFormValues): RouteFormResult {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Name is required';
  const models = parseList(values.models);
  const paths = parseList(values.paths);
  if (models.length + paths.length === 0) errors.match = 'Match at least one model name or path';
  const { headers, error } = headersFromRows(values.headers);
  if (error) errors['match.headers'] = error;
  const priority = parseWholeNumber(values.priority);
  if (priority !== undefined && Number.isNaN(priority)) errors.priority = 'Enter a whole number';
  if (values.targets.length === 0) errors.targets = 'A route needs at least one target';

  const body: CreateRouteRequest = {
    name,
    match: { ...(models.length ? { models } : {}), ...(paths.length ? { paths } : {}), ...(Object.keys(headers).length ? { headers } : {}) },
    targets: values.targets.map((t, i) => targetBody(errors, 'targets', i, t)),
    fallback: values.fallback.map((t, i) => targetBody(errors, 'fallback', i, t)),
    strategy: values.strategy,
    priority: priority ?? 0,
    enabled: values.enabled,
  };
  const parsed = createRouteSchema.safeParse(body);
  const schemaErrors = parsed.success ? {} : errorsFromIssues(parsed.error.issues, routeFieldOf);
  // A source id the schema finds malformed is an unpicked source, already reported.
  const all = mergeErrors(errors, schemaErrors);
  return Object.keys(all).length > 0 ? { ok: false, errors: all } : { ok: true, body };
}

/** The model names a route answers exactly (no globs): the ones a client can pick by name. */
export function exactModelNames(routes: readonly Pick<Route, 'match' | 'enabled'>[]): string[] {
  const names = routes.filter((r) => r.enabled).flatMap((r) => r.match.models ?? []);
  return [...new Set(names.filter((m) => !/[*?]/.test(m)))].sort((a, b) => a.localeCompare(b));
}
