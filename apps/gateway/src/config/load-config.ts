import { parseEnv } from '@aigw/server-kit/parse-env';
import { envSchema, type AppConfig } from './config.schema.js';

/** Parses the environment once into the frozen, typed gateway config (tests pass their own env). */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  return parseEnv(envSchema, env);
}

/** The only place that reads process.env. */
export function loadConfigFromProcess(): AppConfig {
  return loadConfig(process.env);
}
