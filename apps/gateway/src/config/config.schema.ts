import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const defaultWebDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const UNITS: Record<string, number> = { b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };

/** "32mb", "512kb", "1048576" -> bytes. */
const byteSize = z.string().transform((value, ctx) => {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(value.trim());
  const unit = UNITS[(match?.[2] || 'b').toLowerCase()];
  if (!match || unit === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a size such as 32mb, 512kb or a number of bytes' });
    return z.NEVER;
  }
  return Number(match[1]) * unit;
});

const secret = z.string().min(32, 'must be at least 32 characters');
const integer = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const seconds = (fallback: number) => integer(1, 10 * 365 * 86_400).default(fallback);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const envSchema = z
  .object({
    PORT: integer(0, 65535).default(8080),
    /** The HTTPS listener (on while a certificate is stored). */
    HTTPS_PORT: integer(0, 65535).default(8443),
    /** The HTTPS port clients see, for HTTP -> HTTPS redirects (behind port mapping); default HTTPS_PORT. */
    HTTPS_PUBLIC_PORT: integer(1, 65535).optional(),
    /** Once a domain exists, data-plane requests for other hosts get 421. */
    STRICT_HOSTS: flag.default(false),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1-64 of A-Z a-z 0-9 : _ -').default('aigw:'),
    JWT_SECRET: secret.optional(),
    MASTER_KEY: secret.optional(),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BODY_LIMIT: byteSize.default(32 * 1024 ** 2),
    ACCESS_TOKEN_TTL: seconds(15 * 60),
    REFRESH_TOKEN_TTL: seconds(30 * 24 * 3600),
    UPSTREAM_TIMEOUT_MS: integer(100, 3_600_000).default(600_000),
    CORS_ORIGINS: z.string().default(''),
    TRUST_PROXY: flag.default(false),
    WEB_DIR: z.string().min(1).default(defaultWebDir),
    SHUTDOWN_GRACE_MS: integer(0, 600_000).default(10_000),
    /** Usage records older than this many days are pruned hourly; 0 keeps them forever. */
    USAGE_RETENTION_DAYS: integer(0, 36_500).default(90),
    /** false: no per-request usage records at all (the usage and monitoring APIs then stay empty). */
    USAGE_RECORDS: flag.default(true),
    /** How often each registered model host is asked for its health, GPUs and running models. */
    MODEL_HOST_POLL_MS: integer(200, 3_600_000).default(5_000),
  })
  .superRefine((env, ctx) => {
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
      const missing = env.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together' });
    }
  })
  .transform((env) => ({
    port: env.PORT,
    httpsPort: env.HTTPS_PORT,
    httpsPublicPort: env.HTTPS_PUBLIC_PORT ?? env.HTTPS_PORT,
    strictHosts: env.STRICT_HOSTS,
    host: env.HOST,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    jwtSecret: env.JWT_SECRET,
    masterKey: env.MASTER_KEY,
    admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL.toLowerCase(), password: env.ADMIN_PASSWORD } : undefined,
    logLevel: env.LOG_LEVEL,
    bodyLimit: env.BODY_LIMIT,
    accessTokenTtlS: env.ACCESS_TOKEN_TTL,
    refreshTokenTtlS: env.REFRESH_TOKEN_TTL,
    upstreamTimeoutMs: env.UPSTREAM_TIMEOUT_MS,
    corsOrigins: env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    trustProxy: env.TRUST_PROXY,
    webDir: path.resolve(env.WEB_DIR),
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    usageRetentionDays: env.USAGE_RETENTION_DAYS,
    usageRecords: env.USAGE_RECORDS,
    modelHostPollMs: env.MODEL_HOST_POLL_MS,
  }));

export type AppConfig = Readonly<z.output<typeof envSchema>>;
