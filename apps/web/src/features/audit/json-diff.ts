/** One difference between two JSON values, at a path such as `limits.requests_per_minute` or `models.1`. */
export interface JsonChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The leaves of a JSON value by path; an empty object or array is a leaf of its own. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : isObject(value) ? Object.entries(value) : null;
  if (entries === null || entries.length === 0) {
    out.set(path, value);
    return out;
  }
  for (const [key, child] of entries) leaves(child, path ? `${path}.${key}` : key, out);
  return out;
}

/**
 * What changed from `before` to `after`, leaf by leaf, in the order the paths first appear. A
 * missing side (null for a create or a delete) makes every leaf of the other side added or removed.
 */
export function diffJson(before: unknown, after: unknown): JsonChange[] {
  const a = before === null || before === undefined ? new Map<string, unknown>() : leaves(before, '', new Map());
  const b = after === null || after === undefined ? new Map<string, unknown>() : leaves(after, '', new Map());
  const changes: JsonChange[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if (!b.has(path)) changes.push({ path, kind: 'removed', before: a.get(path) });
    else if (!a.has(path)) changes.push({ path, kind: 'added', after: b.get(path) });
    else if (JSON.stringify(a.get(path)) !== JSON.stringify(b.get(path))) changes.push({ path, kind: 'changed', before: a.get(path), after: b.get(path) });
  }
  return changes;
}

/** A leaf as it reads in the diff table: JSON, so strings keep their quotes and null shows. */
export const formatLeaf = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value));
