/** How a handler is audited; `@Audit(...)` sets it, otherwise it is derived from the route. */
export interface AuditSpec {
  /** `<resource>.<verb>`, e.g. `key.revoke`. */
  action: string;
  resourceType: string | null;
}

const METHOD_VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };
const ADMIN_PREFIX = '/api/admin/';

const snake = (segment: string) => segment.replace(/-/g, '_');
/** keys -> key, policies -> policy, model-hosts -> model_host; usage, config stay. */
export const singular = (segment: string) => snake(segment).replace(/ies$/, 'y').replace(/([^s])s$/, '$1');

/**
 * Every change under /api/admin is audited: the action is derived from the route pattern when the
 * handler does not name one. `POST /api/admin/keys` -> key.create; `PATCH .../keys/:id` -> key.update;
 * `DELETE .../routes/:id` -> route.delete; `POST .../config/apply` -> config.apply;
 * `POST .../sources/test` -> source.test. Reads (GET, HEAD, OPTIONS) and other paths: null.
 */
export function deriveAuditSpec(method: string, routeUrl: string | undefined): AuditSpec | null {
  const verb = METHOD_VERBS[method];
  if (!verb || !routeUrl?.startsWith(ADMIN_PREFIX)) return null;
  const segments = routeUrl.slice(ADMIN_PREFIX.length).split('/').filter(Boolean);
  const statics = segments.filter((s) => !s.startsWith(':'));
  if (statics.length === 0) return null;
  const resourceType = singular(statics[0]!);
  const rest = statics.slice(1).map(snake);
  const endsWithParam = segments[segments.length - 1]!.startsWith(':');
  const action = rest.length === 0 ? verb : endsWithParam ? [...rest, verb].join('.') : rest.join('.');
  return { action: `${resourceType}.${action}`, resourceType };
}
