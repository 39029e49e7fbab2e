import type { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/**
 * Parses environment variables with a zod schema into a frozen, typed config. An empty value counts
 * as unset. Names every bad variable, once, and never echoes its value (it may be a secret).
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): Readonly<z.output<S>> {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'config');
      if (!problems.has(name)) problems.set(name, `${name} ${issue.message}`);
    }
    throw new ConfigError([...problems.values()]);
  }
  return Object.freeze(parsed.data);
}

/** For main(): one line per bad variable on stderr, then exit 1. */
export function exitOnConfigError(err: unknown): never {
  if (!(err instanceof ConfigError)) throw err;
  for (const problem of err.problems) process.stderr.write(`Invalid configuration: ${problem}\n`);
  process.exit(1);
}
