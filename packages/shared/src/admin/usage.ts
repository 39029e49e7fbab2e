import { z } from 'zod';

/**
 * A time in a query string: an ISO 8601 date-time with an offset (`2026-01-02T03:04:05Z`,
 * `...+01:00`) or a date (`2026-01-02`, midnight UTC). Parsed to a Date.
 */
export const isoTimeQuerySchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO 8601 date-time (2026-01-02T03:04:05Z) or date (2026-01-02)' })
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value));

/**
 * `status=429` (exactly), `status=4xx` / `5xx` (a class) or `status=error` (400 and above),
 * parsed to an inclusive range.
 */
export const statusFilterSchema = z
  .string()
  .regex(/^([1-5]\d\d|[1-5]xx|error)$/, 'must be a status code (429), a class (4xx, 5xx) or "error"')
  .transform((value): StatusRange => {
    if (value === 'error') return { min: 400, max: 599 };
    if (value.endsWith('xx')) {
      const base = Number(value[0]) * 100;
      return { min: base, max: base + 99 };
    }
    return { min: Number(value), max: Number(value) };
  });
export interface StatusRange {
  min: number;
  max: number;
}

const rangeRefinement = (q: { from?: Date; to?: Date }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from.getTime() > q.to.getTime()) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after `to`' });
};

/** The filters shared by the usage list, its CSV export and the summaries. */
const usageFilterShape = {
  key_id: z.uuid().optional(),
  namespace_id: z.uuid().optional(),
  route_id: z.uuid().optional(),
  source_id: z.uuid().optional(),
  model: z.string().min(1).max(200).optional(),
  status: statusFilterSchema.optional(),
  request_id: z.string().min(1).max(200).optional(),
  /** Inclusive. */
  from: isoTimeQuerySchema.optional(),
  /** Exclusive. */
  to: isoTimeQuerySchema.optional(),
};

/** `GET /api/admin/usage`: newest first, `after` is the id of the last record already seen. */
export const usageListQuerySchema = z
  .strictObject({
    ...usageFilterShape,
    limit: z.coerce.number().int().min(1).max(1000).default(50),
    after: z.uuid().optional(),
  })
  .superRefine(rangeRefinement);
export type UsageListQuery = z.input<typeof usageListQuerySchema>;
export type UsageListQueryParsed = z.output<typeof usageListQuerySchema>;

/** `GET /api/admin/usage/export.csv`: the list's filters, every matching record (newest first). */
export const usageExportQuerySchema = z.strictObject(usageFilterShape).superRefine(rangeRefinement);
export type UsageExportQuery = z.input<typeof usageExportQuerySchema>;
export type UsageExportQueryParsed = z.output<typeof usageExportQuerySchema>;

/** The filters as the server uses them (list, export, summaries, monitoring). */
export type UsageFilter = UsageExportQueryParsed;

export const usageGroupBySchema = z.enum(['key', 'model', 'namespace', 'source']);
export type UsageGroupBy = z.infer<typeof usageGroupBySchema>;
export const usageIntervalSchema = z.enum(['hour', 'day']);
export type UsageInterval = z.infer<typeof usageIntervalSchema>;

/**
 * `GET /api/admin/usage/summary`. Without `group_by`, one row per bucket (`group: null`). Without
 * `from`, the last 24 hours (interval `hour`) or the last 30 days (interval `day`, the default).
 */
export const usageSummaryQuerySchema = z
  .strictObject({
    ...usageFilterShape,
    group_by: usageGroupBySchema.optional(),
    interval: usageIntervalSchema.default('day'),
  })
  .superRefine(rangeRefinement);
export type UsageSummaryQuery = z.input<typeof usageSummaryQuerySchema>;
export type UsageSummaryQueryParsed = z.output<typeof usageSummaryQuerySchema>;

/** What the data plane performed, as recorded (OpenAI endpoint families, plus path routes). */
export type UsageOperation = string;

export interface UsageRecord {
  id: string;
  request_id: string;
  created_at: string;
  key_id: string | null;
  namespace_id: string | null;
  route_id: string | null;
  source_id: string | null;
  instance_id: string | null;
  /** chat, completions, embeddings, rerank, images_generations, ..., or path (a path route). */
  operation: UsageOperation;
  /** The model the client asked for. */
  model: string | null;
  /** The model name sent upstream (after the route's rename). */
  upstream_model: string | null;
  input_tokens: number;
  output_tokens: number;
  /** The token counts are the gateway's estimate, not the upstream's report. */
  estimated: boolean;
  /** The status the client saw; 499 when it went away first. */
  status: number;
  error_code: string | null;
  latency_ms: number;
  /** Time to the upstream's first byte (streams: the first event); null when nothing came. */
  ttft_ms: number | null;
  client_ip: string | null;
  /** A policy asked for the bodies to be kept: `GET /api/admin/usage/{id}/bodies` has them. */
  has_bodies: boolean;
}

/** `GET /api/admin/usage/{id}/bodies`: what was sent and answered, each cut at 64 KiB. */
export interface UsageBodies {
  id: string;
  request_id: string;
  /** UTF-8 text; `null` when there was none (a multipart upload is not kept). */
  request_body: string | null;
  response_body: string | null;
  /** A body was longer than the 64 KiB kept. */
  truncated: boolean;
}

export interface UsageSummaryRow {
  /** The key, model, namespace or source id; null without `group_by` (or for records without one). */
  group: string | null;
  /** Start of the hour or day, UTC. */
  bucket: string;
  requests: number;
  /** Status 400 and above. */
  errors: number;
  input_tokens: number;
  output_tokens: number;
}

export interface UsageSummary {
  data: UsageSummaryRow[];
}

/** Column order of the CSV export (the record's fields). */
export const USAGE_CSV_COLUMNS = [
  'id',
  'request_id',
  'created_at',
  'key_id',
  'namespace_id',
  'route_id',
  'source_id',
  'instance_id',
  'operation',
  'model',
  'upstream_model',
  'input_tokens',
  'output_tokens',
  'estimated',
  'status',
  'error_code',
  'latency_ms',
  'ttft_ms',
  'client_ip',
] as const satisfies ReadonlyArray<keyof UsageRecord>;
