import { z } from 'zod';
import { isoTimeQuerySchema } from './usage.js';

/**
 * The dashboard's summaries, `GET /api/v1/monitoring/*` (seed 001), computed from the usage records.
 * Every call takes a time range (`from` inclusive, `to` exclusive; default: the last hour) and the
 * usage filters; series calls also take a bucket size (`interval`, default `auto`: about 60 buckets).
 */
export const monitoringIntervalSchema = z.enum(['auto', '1m', '5m', '15m', '1h', '6h', '1d']);
export type MonitoringInterval = z.infer<typeof monitoringIntervalSchema>;

const rangeShape = {
  from: isoTimeQuerySchema.optional(),
  to: isoTimeQuerySchema.optional(),
  key_id: z.uuid().optional(),
  namespace_id: z.uuid().optional(),
  model: z.string().min(1).max(200).optional(),
};

const rangeRefinement = (q: { from?: Date; to?: Date }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from.getTime() >= q.to.getTime()) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be before `to`' });
};

/** `/traffic`, `/latency`, `/tokens`. */
export const monitoringSeriesQuerySchema = z.strictObject({ ...rangeShape, interval: monitoringIntervalSchema.default('auto') }).superRefine(rangeRefinement);
export type MonitoringSeriesQuery = z.input<typeof monitoringSeriesQuerySchema>;
export type MonitoringSeriesQueryParsed = z.output<typeof monitoringSeriesQuerySchema>;

/** `/summary`. */
export const monitoringRangeQuerySchema = z.strictObject(rangeShape).superRefine(rangeRefinement);
export type MonitoringRangeQuery = z.input<typeof monitoringRangeQuerySchema>;
export type MonitoringRangeQueryParsed = z.output<typeof monitoringRangeQuerySchema>;

export const monitoringTopBySchema = z.enum(['key', 'model', 'source', 'namespace']);
export type MonitoringTopBy = z.infer<typeof monitoringTopBySchema>;

/** `/top`: the busiest keys, models, sources or namespaces of the range, by requests. */
export const monitoringTopQuerySchema = z
  .strictObject({ ...rangeShape, by: monitoringTopBySchema.default('key'), limit: z.coerce.number().int().min(1).max(100).default(10) })
  .superRefine(rangeRefinement);
export type MonitoringTopQuery = z.input<typeof monitoringTopQuerySchema>;
export type MonitoringTopQueryParsed = z.output<typeof monitoringTopQuerySchema>;

export interface MonitoringRange {
  from: string;
  to: string;
}

export interface MonitoringSeries<T> extends MonitoringRange {
  /** Bucket size; every bucket of the range is present, empty ones with zeros (nulls for percentiles). */
  interval_seconds: number;
  data: T[];
}

export interface TrafficPoint {
  /** Start of the bucket, UTC. */
  bucket: string;
  requests: number;
  /** Status 400 and above (client and server errors, rate limits included). */
  errors: number;
  /** Status 500 and above. */
  server_errors: number;
}

export interface Percentiles {
  p50_ms: number | null;
  p90_ms: number | null;
  p99_ms: number | null;
}

export interface LatencyPoint {
  bucket: string;
  requests: number;
  /** Whole-request latency. */
  latency: Percentiles;
  /** Time to first token (first byte from the upstream). */
  ttft: Percentiles;
}

export interface TokensPoint {
  bucket: string;
  input_tokens: number;
  output_tokens: number;
}

export interface TopEntry {
  /** The key, source or namespace id, or the model name. */
  id: string | null;
  /** The key's or source's name, the model name; null when unknown. */
  name: string | null;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
}

export interface MonitoringTop extends MonitoringRange {
  by: MonitoringTopBy;
  data: TopEntry[];
}

export interface MonitoringSummary extends MonitoringRange {
  requests: number;
  errors: number;
  server_errors: number;
  /** errors / requests, 0 without requests. */
  error_rate: number;
  input_tokens: number;
  output_tokens: number;
  /** Average over the range. */
  requests_per_second: number;
  latency: Percentiles;
  ttft: Percentiles;
}
