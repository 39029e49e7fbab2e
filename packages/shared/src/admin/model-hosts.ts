import { z } from 'zod';
import type { ErrorBody } from '../errors.js';
import { createLocalModelSchema, logsQuerySchema, type LocalGpu, type LocalModel } from './local-models.js';

/**
 * Model hosts registered in the gateway (`/api/admin/model-hosts`) and the gateway's view of their
 * models (`/api/local/models`, ADMIN-API.md "Local models").
 */

const hostUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2048)
  .refine((u) => !new URL(u).search && !new URL(u).hash, 'must not have a query or a fragment');

export const createModelHostSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** The host's base URL, e.g. `http://gpu-1:5000`. */
  url: hostUrlSchema,
  /** The host's MODEL_HOST_TOKEN. Write-only. */
  token: z.string().min(1).max(8192),
});
export type CreateModelHostRequest = z.input<typeof createModelHostSchema>;
export type CreateModelHostParsed = z.output<typeof createModelHostSchema>;

export const updateModelHostSchema = createModelHostSchema.partial();
export type UpdateModelHostRequest = z.input<typeof updateModelHostSchema>;
export type UpdateModelHostParsed = z.output<typeof updateModelHostSchema>;

/**
 * unknown: not polled yet; healthy: answered with the token; unauthorized: the host refused the token;
 * unreachable: no answer (or not a model host).
 */
export type ModelHostStatus = 'unknown' | 'healthy' | 'unauthorized' | 'unreachable';

export interface ModelHostHealth {
  status: ModelHostStatus;
  last_checked_at: string | null;
  latency_ms: number | null;
  error: string | null;
  /** From the host's `/health`. */
  version: string | null;
  gpu_mode: 'nvidia' | 'cpu-only' | null;
}

/** A model the host is serving right now, routable through the gateway's `/v1/*` as `served_name`. */
export interface RunningModel {
  id: string;
  served_name: string;
}

export interface ModelHost {
  id: string;
  name: string;
  url: string;
  has_token: true;
  health: ModelHostHealth;
  gpus: LocalGpu[];
  running_models: RunningModel[];
  created_at: string;
  updated_at: string;
}

/** `?host_id=` on `/api/local/models...`: which host, when an id exists on several (or to skip the lookup). */
export const hostQuerySchema = z.object({
  host_id: z.uuid().optional(),
});
export type HostQuery = z.output<typeof hostQuerySchema>;

/** `GET /api/local/models/{id}/logs?tail=&host_id=` through the gateway. */
export const hostLogsQuerySchema = hostQuerySchema.extend(logsQuerySchema.shape);
export type HostLogsQuery = z.output<typeof hostLogsQuerySchema>;

/** `POST /api/local/models` through the gateway: the host's body plus `host_id` (optional with one host). */
export const createHostedModelSchema = createLocalModelSchema.extend({
  host_id: z.uuid().optional(),
});
export type CreateHostedModelRequest = z.input<typeof createHostedModelSchema>;
export type CreateHostedModelParsed = z.output<typeof createHostedModelSchema>;

/** A model as the gateway lists it: the host's model plus where it lives. */
export type HostedModel = LocalModel & { host_id: string; host_name: string };

/** A host that could not be listed: reported beside the models of the others. */
export interface HostListError {
  host_id: string;
  host_name: string;
  error: ErrorBody['error'];
}

/** `GET /api/local/models` on the gateway: every host's models. */
export interface HostedModelList {
  data: HostedModel[];
  has_more: false;
  host_errors: HostListError[];
}
