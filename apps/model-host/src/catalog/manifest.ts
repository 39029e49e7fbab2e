import { z } from 'zod';
import { localModelIdSchema, localModelSettingsSchema, localRuntimeSchema, modelSourceSchema } from '@aigw/shared/admin/local-models';

/** One file a download fetches: where from, where to, and what it is checked against. */
export const plannedFileSchema = z.object({
  /** Relative to the model's files directory, "/"-separated, checked safe. */
  path: z.string(),
  url: z.string(),
  size: z.number().int().nullable(),
  sha256: z.string().nullable(),
  /** Git blob id of a non-LFS hub file (sha1 of "blob <size>\0" + content). */
  git_oid: z.string().nullable().default(null),
  /** The hub needs the token for this file (same origin as HF_ENDPOINT). */
  auth: z.boolean().default(false),
});
export type PlannedFile = z.infer<typeof plannedFileSchema>;

export const storedDownloadSchema = z.object({
  state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  revision: z.string().nullable().default(null),
  files: z.array(plannedFileSchema),
  /** Paths verified and in place. */
  done: z.array(z.string()).default([]),
  error: z.string().nullable().default(null),
  started_at: z.string().nullable().default(null),
  finished_at: z.string().nullable().default(null),
});
export type StoredDownload = z.infer<typeof storedDownloadSchema>;

/** A running model's process, recorded so a host killed with SIGKILL finds it at its next start. */
export const processRecordSchema = z.object({
  pid: z.number().int(),
  pgid: z.number().int(),
  port: z.number().int().nullable(),
  boot_id: z.string(),
  /** /proc/<pid>/stat starttime: a pid reused by another program has another one. */
  start_ticks: z.number(),
  started_at: z.string(),
});
export type ProcessRecord = z.infer<typeof processRecordSchema>;

/** DATA_DIR/models/<id>/manifest.json: everything the host knows about one model, written atomically. */
export const manifestSchema = z.object({
  version: z.literal(1).default(1),
  id: localModelIdSchema,
  name: z.string(),
  runtime: localRuntimeSchema,
  source: modelSourceSchema.nullable().default(null),
  settings: localModelSettingsSchema,
  created_at: z.string(),
  updated_at: z.string(),
  /** The model's files are complete (downloaded and checked, or nothing to download). */
  ready: z.boolean().default(false),
  download: storedDownloadSchema.nullable().default(null),
  process: processRecordSchema.nullable().default(null),
  last_error: z.string().nullable().default(null),
});
export type ModelManifest = z.infer<typeof manifestSchema>;
