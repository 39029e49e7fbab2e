import { fileURLToPath } from 'node:url';
import { parseEnv } from '@aigw/server-kit/parse-env';
import { CHILD_ENV_DENYLIST, envSchema, type HostConfig } from './config.schema.js';

/** The reference worker, resolved from this file: src/config/ and dist/config/ are both two levels below the package. */
export const REFERENCE_WORKER = fileURLToPath(new URL('../../workers/python/server.py', import.meta.url));

/** Parses the environment once into the frozen, typed model-host config (tests pass their own env). */
export function loadConfig(env: Record<string, string | undefined>): HostConfig {
  const parsed = parseEnv(envSchema, env);
  const denied = new Set<string>(CHILD_ENV_DENYLIST);
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && !denied.has(name)) childEnv[name] = value;
  return Object.freeze({ ...parsed, childEnv: Object.freeze(childEnv), referenceWorker: REFERENCE_WORKER });
}

/** The only place that reads process.env. */
export function loadConfigFromProcess(): HostConfig {
  return loadConfig(process.env);
}
