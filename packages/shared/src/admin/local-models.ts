import { z } from 'zod';

/**
 * The model host's own API (ADMIN-API.md, "Local models"): what the gateway forwards and the
 * dashboard shows. The listed field names are a contract; extra fields are free to add.
 */

/** How a model's process is launched (model-host `runtimes/`). `reference` is the stdlib Python test/demo worker. */
export const localRuntimeSchema = z.enum(['reference', 'vllm', 'llama-cpp', 'tei', 'sglang', 'python', 'custom'], {
  error: 'must be one of reference, vllm, llama-cpp, tei, sglang, python, custom',
});
export type LocalRuntime = z.infer<typeof localRuntimeSchema>;

export const localModelStateSchema = z.enum(['not_downloaded', 'downloading', 'stopped', 'starting', 'running', 'stopping', 'failed']);
export type LocalModelState = z.infer<typeof localModelStateSchema>;

/** A model id: also its folder name on the host, so a safe slug. */
export const localModelIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must start with a letter or digit and hold only letters, digits, ".", "_" and "-"');

/**
 * fnmatch-style patterns on repository paths, as huggingface_hub's allow/ignore patterns: `*` matches any run of
 * characters including "/", `?` one character, `[abc]` a set; a pattern ending in "/" matches everything under it.
 */
const globListSchema = z.array(z.string().min(1).max(500)).max(100);

const sha256Schema = z
  .string()
  .regex(/^[A-Fa-f0-9]{64}$/, 'must be 64 hex digits')
  .transform((s) => s.toLowerCase());

export const hfSourceSchema = z.strictObject({
  type: z.literal('hf'),
  /** `owner/name` on the hub (HF_ENDPOINT). */
  repo: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/, 'must be a hub repository id like owner/name'),
  revision: z.string().min(1).max(200).regex(/^[^\s]+$/, 'must not contain spaces').default('main'),
  include: globListSchema.optional(),
  exclude: globListSchema.optional(),
});

export const urlSourceSchema = z.strictObject({
  type: z.literal('url'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(4096),
  sha256: sha256Schema.optional(),
  /** The file's name in the model directory; defaults to the URL's last path segment. */
  filename: z.string().min(1).max(255).optional(),
});

/** Files already on the host: nothing to download; `{model_path}` is this absolute path. */
export const pathSourceSchema = z.strictObject({
  type: z.literal('path'),
  path: z.string().min(1).max(4096).startsWith('/', 'must be an absolute path'),
});

export const modelSourceSchema = z.discriminatedUnion('type', [hfSourceSchema, urlSourceSchema, pathSourceSchema], {
  error: 'must be {"type": "hf", "repo"}, {"type": "url", "url"} or {"type": "path", "path"}',
});
export type ModelSource = z.output<typeof modelSourceSchema>;
export type ModelSourceInput = z.input<typeof modelSourceSchema>;

export const restartPolicySchema = z.strictObject({
  policy: z.enum(['on-failure', 'always', 'never']),
  /** Consecutive restarts before giving up (state `failed`, reason kept). */
  max_retries: z.number().int().min(0).max(100).default(5),
});
export type RestartPolicy = z.output<typeof restartPolicySchema>;

const envNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'not a valid environment variable name');

/** `{model_path}`, `{port}`, `{gpus}`, `{served_name}`, ... in args, env values and the custom command (model-host runtimes/). */
const templateSchema = z.string().max(4096);

/** Every setting of a model, as stored and returned (defaults filled in). */
export const localModelSettingsSchema = z.strictObject({
  /** Extra arguments appended to the runtime's command line (placeholders allowed). */
  args: z.array(templateSchema).max(200).default([]),
  /** Extra environment for the process (placeholders allowed in values). */
  env: z
    .record(envNameSchema, templateSchema)
    .refine((e) => Object.keys(e).length <= 200, 'at most 200 variables')
    .default({}),
  /** GPU indexes to use, or "auto" (first fit by free memory; none on a CPU-only host). */
  gpus: z.union([z.array(z.number().int().min(0).max(1023)).max(64), z.literal('auto')], { error: 'must be a list of GPU indexes or "auto"' }).default('auto'),
  /** How many GPUs "auto" picks. */
  gpu_count: z.number().int().min(1).max(64).default(1),
  /** Estimated GPU memory the model needs, in MiB (split evenly over its GPUs); null: unknown, any GPU fits. */
  memory_mb: z.number().int().min(0).max(10_000_000).nullable().default(null),
  auto_start: z.boolean().default(false),
  restart: restartPolicySchema.default({ policy: 'on-failure', max_retries: 5 }),
  /** Probed with GET until it answers 2xx. */
  readiness_path: z.string().startsWith('/', 'must start with "/"').max(1024).default('/health'),
  readiness_timeout_s: z.number().int().min(1).max(86_400).default(600),
  /** The name clients send as `model`; defaults to the model's id. */
  served_name: z.string().min(1).max(200).regex(/^[^\s]+$/, 'must not contain spaces').nullable().default(null),
  /** `custom` runtime: the argv template, e.g. ["/opt/server", "--port", "{port}"]. */
  command: z.array(templateSchema).min(1).max(200).nullable().default(null),
  /** `python` runtime: the script, relative to the model directory (default server.py). */
  script: z.string().min(1).max(1024).nullable().default(null),
  /** `llama-cpp`: the .gguf file in the model directory; default: the first one found. */
  model_file: z.string().min(1).max(1024).nullable().default(null),
});
export type LocalModelSettings = z.output<typeof localModelSettingsSchema>;
export type LocalModelSettingsInput = z.input<typeof localModelSettingsSchema>;

/** `PUT /settings`: fields left out keep their value; editable only while the model is not running. */
export const updateLocalModelSettingsSchema = z.strictObject({
  args: z.array(templateSchema).max(200).optional(),
  env: z
    .record(envNameSchema, templateSchema)
    .refine((e) => Object.keys(e).length <= 200, 'at most 200 variables')
    .optional(),
  gpus: z.union([z.array(z.number().int().min(0).max(1023)).max(64), z.literal('auto')], { error: 'must be a list of GPU indexes or "auto"' }).optional(),
  gpu_count: z.number().int().min(1).max(64).optional(),
  memory_mb: z.number().int().min(0).max(10_000_000).nullable().optional(),
  auto_start: z.boolean().optional(),
  restart: restartPolicySchema.optional(),
  readiness_path: z.string().startsWith('/', 'must start with "/"').max(1024).optional(),
  readiness_timeout_s: z.number().int().min(1).max(86_400).optional(),
  served_name: z.string().min(1).max(200).regex(/^[^\s]+$/, 'must not contain spaces').nullable().optional(),
  command: z.array(templateSchema).min(1).max(200).nullable().optional(),
  script: z.string().min(1).max(1024).nullable().optional(),
  model_file: z.string().min(1).max(1024).nullable().optional(),
});
export type UpdateLocalModelSettingsRequest = z.input<typeof updateLocalModelSettingsSchema>;
export type UpdateLocalModelSettingsParsed = z.output<typeof updateLocalModelSettingsSchema>;

export const createLocalModelSchema = z.strictObject({
  /** Defaults to a slug of `name`. */
  id: localModelIdSchema.optional(),
  name: z.string().trim().min(1).max(200),
  runtime: localRuntimeSchema,
  source: modelSourceSchema.optional(),
  settings: updateLocalModelSettingsSchema.optional(),
});
export type CreateLocalModelRequest = z.input<typeof createLocalModelSchema>;
export type CreateLocalModelParsed = z.output<typeof createLocalModelSchema>;

/** `POST /download`: optional; a source given here replaces the model's own. */
export const downloadRequestSchema = z
  .strictObject({
    source: modelSourceSchema.optional(),
  })
  .default({});
export type DownloadRequest = z.input<typeof downloadRequestSchema>;
export type DownloadRequestParsed = z.output<typeof downloadRequestSchema>;

export const logsQuerySchema = z.strictObject({
  tail: z.coerce.number().int().min(1).max(10_000).default(200),
});
export type LogsQuery = z.output<typeof logsQuerySchema>;

export type DownloadState = 'idle' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type DownloadFileState = 'pending' | 'downloading' | 'verifying' | 'done' | 'failed';

export interface DownloadFileProgress {
  /** Relative to the model directory. */
  path: string;
  /** null: the server did not say. */
  size: number | null;
  bytes_done: number;
  state: DownloadFileState;
  /** The sha256 the file is checked against (LFS files, URLs given one). */
  sha256: string | null;
  /** Transfers begun for this file (retries and re-fetches after a failed check count). */
  attempts: number;
  error: string | null;
}

/** Download progress, in the status call and as SSE events. */
export interface DownloadProgress {
  state: DownloadState;
  bytes_done: number;
  bytes_total: number | null;
  /** Bytes per second over the last few seconds. */
  rate_bps: number;
  /** Seconds left at the current rate; null when unknown. */
  eta_s: number | null;
  files: DownloadFileProgress[];
  error: string | null;
  /** The hub commit the files come from (hf sources). */
  revision: string | null;
  started_at: string | null;
  finished_at: string | null;
}

/** The SSE stream at `GET /api/local/models/{id}/download/events`: one `snapshot`, `progress` events, then `done` | `failed` | `cancelled`. */
export type DownloadEventName = 'snapshot' | 'progress' | 'done' | 'failed' | 'cancelled';

export interface ReclaimedOrphan {
  pid: number;
  pgid: number;
  port: number | null;
  /** How many processes of the old group were still alive. */
  processes: number;
  at: string;
}

/** `GET /api/local/models/{id}/status`. */
export interface LocalModelStatus {
  id: string;
  state: LocalModelState;
  pid: number | null;
  port: number | null;
  uptime_s: number | null;
  /** Restarts after crashes since the last start by hand. */
  restarts: number;
  last_error: string | null;
  download: DownloadProgress;
  served_name: string;
  started_at: string | null;
  /** When the next restart after a crash is due (state `starting`, backing off). */
  next_restart_at: string | null;
  /** CPU of the model's whole process group, percent of one core. */
  cpu_pct: number | null;
  /** Resident memory of the model's whole process group. */
  rss_mb: number | null;
  /** GPU memory its processes use (nvidia-smi --query-compute-apps); null without nvidia-smi. */
  gpu_memory_mb: number | null;
  /** GPU indexes assigned at start; [] on a CPU-only start. */
  gpus: number[] | null;
  /** CUDA_VISIBLE_DEVICES the process got; null: not set (CPU-only host). */
  cuda_visible_devices: string | null;
  /** The last exit of the model's process. */
  last_exit: { code: number | null; signal: string | null; at: string } | null;
  /** A process group left by an earlier model-host that was killed, found and stopped at this host's start. */
  reclaimed: ReclaimedOrphan | null;
}

/** One model of `GET /api/local/models`. */
export interface LocalModel {
  id: string;
  name: string;
  runtime: LocalRuntime;
  source: ModelSource | null;
  settings: LocalModelSettings;
  /** What clients send as `model` (settings.served_name or the id). */
  served_name: string;
  /** `{model_path}`: where the model's files are. */
  model_path: string;
  state: LocalModelState;
  pid: number | null;
  port: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface LocalModelList {
  data: LocalModel[];
}

/** One GPU of `GET /api/gpus`. A value nvidia-smi reports as [N/A] is null. */
export interface LocalGpu {
  index: number;
  name: string;
  memory_total_mb: number | null;
  memory_used_mb: number | null;
  utilization_pct: number | null;
}

export interface LocalGpuList {
  data: LocalGpu[];
}

export type LogStream = 'stdout' | 'stderr' | 'host';

/** `GET /api/local/models/{id}/logs?tail=`: the last lines, oldest first, kept after a crash and a host restart. */
export interface LocalModelLogLine {
  time: string;
  stream: LogStream;
  line: string;
}
export interface LocalModelLogs {
  data: LocalModelLogLine[];
}
