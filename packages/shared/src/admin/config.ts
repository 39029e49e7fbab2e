import { z } from 'zod';
import { modelGlobSchema } from './common.js';
import { strategySchema } from './routes.js';
import { capabilitySchema, healthCheckSchema, providerSchema } from './sources.js';

/**
 * The declarative configuration: sources and routes as one YAML or JSON document, portable between
 * gateways (routes name sources by name, not id). Secrets are never exported; on apply, a value
 * `ENV:NAME` is read from the environment (seed 002's convention).
 */
const secretRef = z.string().min(1).max(8192);

export const configInstanceSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  weight: z.number().int().min(0).max(1000).default(1),
  /** Omitted: an existing instance (same source, same URL) keeps its stored key. */
  api_key: secretRef.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  enabled: z.boolean().default(true),
  max_concurrent: z.number().int().min(1).max(100_000).nullable().optional(),
});

export const configSourceSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  provider: providerSchema.default('openai-compatible'),
  capabilities: z.array(capabilitySchema).optional(),
  instances: z.array(configInstanceSchema).min(1).max(100),
  timeout_ms: z.number().int().min(100).max(3_600_000).optional(),
  health_check: healthCheckSchema.optional(),
  api_version: z.string().min(1).max(64).optional(),
});

export const configTargetSchema = z.strictObject({
  /** The source's name. */
  source: z.string().min(1).max(200),
  weight: z.number().int().min(0).max(1000).default(1),
  model: z.string().min(1).max(200).optional(),
  path: z.string().startsWith('/').max(1024).optional(),
});

export const configRouteSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  match: z.strictObject({
    models: z.array(modelGlobSchema).optional(),
    paths: z.array(z.string().startsWith('/')).optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  targets: z.array(configTargetSchema).min(1),
  fallback: z.array(configTargetSchema).optional(),
  strategy: strategySchema.default('round_robin'),
  priority: z.number().int().min(-1000).max(1000).default(0),
  enabled: z.boolean().default(true),
});

export const configDocumentSchema = z.strictObject({
  version: z.literal(1),
  sources: z.array(configSourceSchema).default([]),
  routes: z.array(configRouteSchema).default([]),
});
export type ConfigDocument = z.output<typeof configDocumentSchema>;

/** `POST /api/admin/config/apply` */
export const applyConfigRequestSchema = z.strictObject({
  /** The document as YAML or JSON text. */
  document: z.string().min(1).max(5 * 1024 * 1024),
  /** Show what would change, change nothing. */
  dry_run: z.boolean().default(false),
  /** Also delete sources and routes the document does not name. */
  prune: z.boolean().default(false),
});
export type ApplyConfigRequest = z.input<typeof applyConfigRequestSchema>;

export interface ConfigChange {
  kind: 'source' | 'route';
  name: string;
  action: 'create' | 'update' | 'delete' | 'unchanged';
  /** For updates: the top-level fields that differ. */
  fields?: string[];
}

/** The answer of apply (dry run or not): every change, in the order it is (or would be) made. */
export interface ApplyConfigResult {
  dry_run: boolean;
  changes: ConfigChange[];
}
