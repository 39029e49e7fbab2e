import { envSchema } from './config.schema.js';

/** The gateway's own settings (JWT_SECRET, MASTER_KEY, DATABASE_URL, ...). */
const OWN_SETTINGS: ReadonlySet<string> = new Set(Object.keys(envSchema.in.shape));

/**
 * Reads single variables of the gateway's environment for features that take `ENV:NAME` references
 * (declarative config, seed 002's convention). Provided by ConfigModule; tests construct it with
 * their own map. The gateway's own settings are off limits: an admin could otherwise send
 * JWT_SECRET or MASTER_KEY to an upstream of their choosing as its API key.
 */
export class EnvironmentReader {
  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** The variable's value: undefined when unset, and for the gateway's own settings. */
  get(name: string): string | undefined {
    return this.isReadable(name) ? this.env[name] : undefined;
  }

  /** False for the gateway's own settings. */
  isReadable(name: string): boolean {
    return !OWN_SETTINGS.has(name);
  }
}

/** The process environment: the only place (with load-config.ts) that hands process.env out. */
export const processEnvironmentReader = (): EnvironmentReader => new EnvironmentReader(process.env);
