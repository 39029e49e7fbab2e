import { z } from 'zod';

/** Every provider the platform knows; which ones the gateway can forward to is its own business. */
export const providerSchema = z.enum([
  'openai-compatible',
  'openai',
  'azure-openai',
  'anthropic',
  'gemini',
  'model-host',
  'deepseek',
  'dashscope',
  'groq',
  'together',
  'mistral',
  'vllm',
  'ollama',
  'localai',
  'xinference',
  'gpustack',
  'lmstudio',
  'llama-cpp',
  'tei',
]);
export type Provider = z.infer<typeof providerSchema>;

export const capabilitySchema = z.enum(['chat', 'completions', 'embeddings', 'rerank', 'images', 'audio']);
export type Capability = z.infer<typeof capabilitySchema>;

const ALL_CAPABILITIES = capabilitySchema.options;

/**
 * What each provider's protocol can serve: a new source's default capabilities and the limit of what
 * it may declare. The gateway's adapters implement exactly this (a unit test there holds them to it).
 */
export const PROVIDER_CAPABILITIES: Readonly<Record<Provider, readonly Capability[]>> = {
  'openai-compatible': ALL_CAPABILITIES,
  openai: ALL_CAPABILITIES,
  'azure-openai': ['chat', 'completions', 'embeddings', 'images', 'audio'],
  anthropic: ['chat'],
  gemini: ['chat', 'embeddings'],
  'model-host': ALL_CAPABILITIES,
  deepseek: ALL_CAPABILITIES,
  dashscope: ALL_CAPABILITIES,
  groq: ALL_CAPABILITIES,
  together: ALL_CAPABILITIES,
  mistral: ALL_CAPABILITIES,
  vllm: ALL_CAPABILITIES,
  ollama: ALL_CAPABILITIES,
  localai: ALL_CAPABILITIES,
  xinference: ALL_CAPABILITIES,
  gpustack: ALL_CAPABILITIES,
  lmstudio: ALL_CAPABILITIES,
  'llama-cpp': ALL_CAPABILITIES,
  tei: ['embeddings', 'rerank'],
};

const headerNameSchema = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'not a valid header name');
const headersSchema = z.record(headerNameSchema, z.string().max(8192)).refine((h) => Object.keys(h).length <= 50, 'at most 50 headers');

export const instanceInputSchema = z.strictObject({
  /** Given on update to keep an existing instance (and its stored API key). */
  id: z.uuid().optional(),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048),
  weight: z.number().int().min(0).max(1000).default(1),
  /** Write-only. Omitted on update: keep the stored key; null: remove it. */
  api_key: z.string().min(1).max(8192).nullable().optional(),
  headers: headersSchema.optional(),
  enabled: z.boolean().default(true),
  /** At most this many requests in flight to this instance; absent: unlimited. */
  max_concurrent: z.number().int().min(1).max(100_000).nullable().optional(),
});
export type InstanceInput = z.input<typeof instanceInputSchema>;
export type InstanceParsed = z.output<typeof instanceInputSchema>;

export const healthCheckSchema = z.strictObject({
  path: z.string().startsWith('/').max(1024).optional(),
  interval_s: z.number().int().min(1).max(3600).optional(),
  timeout_ms: z.number().int().min(50).max(60_000).optional(),
  healthy_threshold: z.number().int().min(1).max(20).optional(),
  unhealthy_threshold: z.number().int().min(1).max(20).optional(),
});
export type HealthCheck = z.infer<typeof healthCheckSchema>;

export const createSourceSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  provider: providerSchema.default('openai-compatible'),
  capabilities: z.array(capabilitySchema).max(10).optional(),
  instances: z.array(instanceInputSchema).min(1, 'a source needs at least one instance').max(100),
  timeout_ms: z.number().int().min(100).max(3_600_000).optional(),
  health_check: healthCheckSchema.optional(),
  /** Null or absent: a global source, usable by routes of every namespace. */
  namespace_id: z.uuid().nullable().optional(),
  /** Azure OpenAI's `api-version` query parameter (required for provider azure-openai). */
  api_version: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'not a valid API version').optional(),
});
export type CreateSourceRequest = z.input<typeof createSourceSchema>;
export type CreateSourceParsed = z.output<typeof createSourceSchema>;

/** Like create, every field optional; `timeout_ms`, `health_check` and `api_version` take null to go back to none. */
export const updateSourceSchema = createSourceSchema.partial().extend({
  timeout_ms: z.number().int().min(100).max(3_600_000).nullable().optional(),
  health_check: healthCheckSchema.nullable().optional(),
  api_version: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'not a valid API version').nullable().optional(),
});
export type UpdateSourceRequest = z.input<typeof updateSourceSchema>;
export type UpdateSourceParsed = z.output<typeof updateSourceSchema>;

/**
 * unknown: not seen yet; healthy; unhealthy: failing, still tried; ejected: out of rotation until its
 * cooldown ends (then one trial request decides); disabled: switched off by an admin.
 */
export type InstanceHealthState = 'unknown' | 'healthy' | 'unhealthy' | 'ejected' | 'disabled';

export interface InstanceHealth {
  state: InstanceHealthState;
  /** When the gateway last talked to this instance (a request or a probe). */
  last_checked_at: string | null;
  latency_ms: number | null;
  last_error: string | null;
  consecutive_failures: number;
  /** Requests this replica has in flight to the instance right now. */
  in_flight: number;
}

export interface SourceInstance {
  id: string;
  url: string;
  weight: number;
  has_api_key: boolean;
  headers: Record<string, string>;
  enabled: boolean;
  max_concurrent: number | null;
  health: InstanceHealth;
}

export interface Source {
  id: string;
  name: string;
  provider: Provider;
  capabilities: Capability[];
  instances: SourceInstance[];
  timeout_ms: number | null;
  health_check: HealthCheck | null;
  api_version: string | null;
  namespace_id: string | null;
  created_at: string;
  updated_at: string;
}

/** `POST /api/admin/sources/test`: can the gateway reach this upstream with these settings? */
export const testConnectionSchema = z.strictObject({
  provider: providerSchema.default('openai-compatible'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048),
  /** Write-only; omitted with `instance_id`: the stored key of that instance is used. */
  api_key: z.string().min(1).max(8192).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  api_version: z.string().min(1).max(64).optional(),
  instance_id: z.uuid().optional(),
});
export type TestConnectionRequest = z.input<typeof testConnectionSchema>;
export type TestConnectionParsed = z.output<typeof testConnectionSchema>;

export interface TestConnectionResult {
  ok: boolean;
  /** The upstream's HTTP status, or null when it could not be reached. */
  status: number | null;
  latency_ms: number;
  error: string | null;
  /** Model ids the upstream listed, when it lists them. */
  models: string[];
}
