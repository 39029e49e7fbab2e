/** A string value that is exactly `ENV:NAME` (seed 002's convention) is read from the environment. */
const ENV_PREFIX = 'ENV:';
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface EnvSource {
  /** The value, or undefined when unset (or not readable). */
  get(name: string): string | undefined;
  /** False for variables that may not be referenced at all (the gateway's own settings). */
  isReadable?(name: string): boolean;
}

export interface EnvRefProblem {
  /** Where the reference is, e.g. `sources.0.instances.1.api_key`. */
  path: string;
  name: string;
  reason: 'unset' | 'forbidden' | 'invalid_name';
}

export const isEnvRef = (value: unknown): value is string => typeof value === 'string' && value.startsWith(ENV_PREFIX);

/**
 * Replaces every string value `ENV:NAME` in a plain JSON-like value (object keys are left alone)
 * with the variable's value. Returns a new value and every reference that could not be resolved;
 * values are never put into problems, only names.
 */
export function resolveEnvRefs(value: unknown, env: EnvSource): { value: unknown; problems: EnvRefProblem[] } {
  const problems: EnvRefProblem[] = [];
  const walk = (v: unknown, path: string[]): unknown => {
    if (isEnvRef(v)) {
      const name = v.slice(ENV_PREFIX.length);
      const at = path.join('.');
      if (!VARIABLE_NAME.test(name)) problems.push({ path: at, name, reason: 'invalid_name' });
      else if (env.isReadable && !env.isReadable(name)) problems.push({ path: at, name, reason: 'forbidden' });
      else {
        const resolved = env.get(name);
        if (resolved === undefined) problems.push({ path: at, name, reason: 'unset' });
        return resolved ?? v;
      }
      return v;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, String(i)]));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, [...path, k])]));
    return v;
  };
  return { value: walk(value, []), problems };
}

/** One line per problem, naming the variable, never a value. */
export function describeEnvProblem(p: EnvRefProblem, where: string): string {
  switch (p.reason) {
    case 'unset':
      return `${p.path}: environment variable ${p.name} is not set in ${where}`;
    case 'forbidden':
      return `${p.path}: ${p.name} is one of the gateway's own settings and cannot be referenced`;
    case 'invalid_name':
      return `${p.path}: "ENV:${p.name}" is not a valid reference (ENV: followed by a variable name)`;
  }
}
