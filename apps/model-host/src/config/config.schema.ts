import path from 'node:path';
import { z } from 'zod';

const PORT_RANGE_MESSAGE = 'must be two ports LOW-HIGH with 1024 <= LOW <= HIGH <= 65535, e.g. 20000-20999';

/** "20000-20999" -> { low, high }: the ports the supervisor hands to model processes. */
const portRange = z.string().transform((value, ctx) => {
  const match = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(value);
  const low = Number(match?.[1]);
  const high = Number(match?.[2]);
  if (!match || low < 1024 || high > 65535 || low > high) {
    ctx.addIssue({ code: 'custom', message: PORT_RANGE_MESSAGE });
    return z.NEVER;
  }
  return { low, high };
});

const int = (min: number, max: number) =>
  z.coerce.number({ error: `must be an integer from ${min} to ${max}` }).int(`must be an integer from ${min} to ${max}`).min(min, `must be an integer from ${min} to ${max}`).max(max, `must be an integer from ${min} to ${max}`);

export const envSchema = z
  .object({
    PORT: int(0, 65535).default(5000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    PORT_RANGE: portRange.default({ low: 20000, high: 20999 }),
    MODEL_HOST_TOKEN: z
      .string()
      .min(16, 'must be at least 16 characters')
      .regex(/^\S+$/, 'must not contain whitespace')
      .optional(),
    PYTHON_BIN: z.string().min(1).default('python3'),
    HF_ENDPOINT: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .transform((url) => url.replace(/\/+$/, ''))
      .default('https://huggingface.co'),
    HF_TOKEN: z.string().optional(),
    MAX_CONCURRENT_DOWNLOADS: int(1, 16).default(2),
    /** A transfer that receives no byte for this long is aborted and retried. */
    DOWNLOAD_STALL_TIMEOUT_S: int(1, 3600).default(60),
    /** Retries of one file after a failed transfer or check, before the download fails. */
    DOWNLOAD_RETRIES: int(0, 100).default(5),
    /** Disk space a download must leave free, on top of what it needs. */
    MIN_FREE_DISK_MB: int(0, 10_000_000).default(1024),
    /** How long a model process gets after SIGTERM before its process group is killed. */
    STOP_GRACE_S: int(1, 600).default(10),
    /** How often a running model's readiness path is asked again; 3 failed checks in a row count as a hang (killed, restarted per policy). 0: never. */
    LIVENESS_INTERVAL_S: int(0, 3600).default(10),
    /** The first restart delay after a crash; doubled for each further one, capped at 60 s. */
    RESTART_BACKOFF_MS: int(10, 600_000).default(1000),
    /** A model's log file is rotated (one old file kept) past this size. */
    MODEL_LOG_MAX_BYTES: int(4096, 1_073_741_824).default(10 * 1024 * 1024),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' })
      .default('info'),
  })
  .transform((env) => {
    const dataDir = path.resolve(env.DATA_DIR);
    return {
      port: env.PORT,
      host: env.HOST,
      dataDir,
      /** One folder per model, each with its manifest. */
      modelsDir: path.join(dataDir, 'models'),
      /** Where a generated MODEL_HOST_TOKEN is kept when the environment does not set one. */
      tokenFile: path.join(dataDir, 'model-host-token'),
      portRange: Object.freeze({ ...env.PORT_RANGE }),
      token: env.MODEL_HOST_TOKEN,
      pythonBin: env.PYTHON_BIN,
      hfEndpoint: env.HF_ENDPOINT,
      hfToken: env.HF_TOKEN,
      maxConcurrentDownloads: env.MAX_CONCURRENT_DOWNLOADS,
      downloadStallTimeoutMs: env.DOWNLOAD_STALL_TIMEOUT_S * 1000,
      downloadRetries: env.DOWNLOAD_RETRIES,
      minFreeDiskBytes: env.MIN_FREE_DISK_MB * 1024 * 1024,
      stopGraceMs: env.STOP_GRACE_S * 1000,
      livenessIntervalMs: env.LIVENESS_INTERVAL_S * 1000,
      restartBackoffMs: env.RESTART_BACKOFF_MS,
      modelLogMaxBytes: env.MODEL_LOG_MAX_BYTES,
      logLevel: env.LOG_LEVEL,
    };
  });

/** Variables never handed to a model process: the host's own secrets. */
export const CHILD_ENV_DENYLIST = ['MODEL_HOST_TOKEN', 'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN'] as const;

export type HostConfig = Readonly<
  z.output<typeof envSchema> & {
    /** The environment model processes start from: the host's own, less its secrets. */
    childEnv: Readonly<Record<string, string>>;
    /** The stdlib reference worker's server.py (shipped beside dist/ in workers/python/). */
    referenceWorker: string;
  }
>;
