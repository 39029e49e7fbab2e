import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import type {
  LatencyPoint,
  MonitoringRangeQueryParsed,
  MonitoringSeries,
  MonitoringSeriesQueryParsed,
  MonitoringSummary,
  MonitoringTop,
  MonitoringTopQueryParsed,
  Percentiles,
  TokensPoint,
  TrafficPoint,
} from '@aigw/shared/admin/monitoring';
import { SqlParams, usageConditions, whereClause } from '../usage/usage-sql.js';
import { MAX_BUCKETS, bucketCount, bucketSeconds, bucketStarts, fillBuckets, resolveRange, type ResolvedRange } from './monitoring-buckets.js';

type Filter = Pick<MonitoringRangeQueryParsed, 'key_id' | 'namespace_id' | 'model'>;

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const ms = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
const percentiles = (values: Array<number | null> | null): Percentiles => ({ p50_ms: ms(values?.[0]), p90_ms: ms(values?.[1]), p99_ms: ms(values?.[2]) });
const EMPTY_PERCENTILES: Percentiles = { p50_ms: null, p90_ms: null, p99_ms: null };

const TOP = {
  key: { column: 'u.key_id', join: 'LEFT JOIN api_keys n ON n.id = g.id::uuid', name: 'n.name' },
  source: { column: 'u.source_id', join: 'LEFT JOIN sources n ON n.id = g.id::uuid', name: 'n.name' },
  namespace: { column: 'u.namespace_id', join: 'LEFT JOIN namespaces n ON n.id = g.id::uuid', name: 'n.name' },
  model: { column: 'u.model', join: '', name: 'g.id' },
} as const;

/**
 * The dashboard's numbers (seed 001's `/api/v1/monitoring/*`), aggregated in Postgres from the usage
 * records of a time range: one query per call, every bucket of the range present.
 */
@Injectable()
export class MonitoringService {
  constructor(private readonly db: DataSource) {}

  async traffic(query: MonitoringSeriesQueryParsed): Promise<MonitoringSeries<TrafficPoint>> {
    return this.series(
      query,
      'count(*) AS requests, count(*) FILTER (WHERE u.status >= 400) AS errors, count(*) FILTER (WHERE u.status >= 500) AS server_errors',
      (bucket, r) => ({ bucket, requests: num(r?.requests), errors: num(r?.errors), server_errors: num(r?.server_errors) }),
    );
  }

  async latency(query: MonitoringSeriesQueryParsed): Promise<MonitoringSeries<LatencyPoint>> {
    return this.series(
      query,
      'count(*) AS requests, ' +
        'percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY u.latency_ms) AS latency, ' +
        'percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY u.ttft_ms) AS ttft',
      (bucket, r) => ({
        bucket,
        requests: num(r?.requests),
        latency: r ? percentiles(r.latency as number[] | null) : EMPTY_PERCENTILES,
        ttft: r ? percentiles(r.ttft as number[] | null) : EMPTY_PERCENTILES,
      }),
    );
  }

  async tokens(query: MonitoringSeriesQueryParsed): Promise<MonitoringSeries<TokensPoint>> {
    return this.series(query, 'coalesce(sum(u.input_tokens), 0) AS input_tokens, coalesce(sum(u.output_tokens), 0) AS output_tokens', (bucket, r) => ({
      bucket,
      input_tokens: num(r?.input_tokens),
      output_tokens: num(r?.output_tokens),
    }));
  }

  async top(query: MonitoringTopQueryParsed): Promise<MonitoringTop> {
    const range = resolveRange(query.from, query.to);
    const p = new SqlParams();
    const by = TOP[query.by];
    const where = [...this.conditions(query, range, p), `${by.column} IS NOT NULL`];
    const text =
      `WITH g AS (SELECT ${by.column}::text AS id, count(*) AS requests, count(*) FILTER (WHERE u.status >= 400) AS errors, ` +
      `coalesce(sum(u.input_tokens), 0) AS input_tokens, coalesce(sum(u.output_tokens), 0) AS output_tokens ` +
      `FROM usage_records u ${whereClause(where)} GROUP BY 1 ORDER BY requests DESC, 1 LIMIT ${p.add(query.limit)}) ` +
      `SELECT g.*, ${by.name} AS name FROM g ${by.join} ORDER BY g.requests DESC, g.id`;
    const rows = (await this.db.query(text, p.values)) as Array<Record<string, unknown>>;
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      by: query.by,
      data: rows.map((r) => ({
        id: r.id as string,
        name: (r.name as string | null) ?? null,
        requests: num(r.requests),
        errors: num(r.errors),
        input_tokens: num(r.input_tokens),
        output_tokens: num(r.output_tokens),
      })),
    };
  }

  async summary(query: MonitoringRangeQueryParsed): Promise<MonitoringSummary> {
    const range = resolveRange(query.from, query.to);
    const p = new SqlParams();
    const text =
      'SELECT count(*) AS requests, count(*) FILTER (WHERE u.status >= 400) AS errors, count(*) FILTER (WHERE u.status >= 500) AS server_errors, ' +
      'coalesce(sum(u.input_tokens), 0) AS input_tokens, coalesce(sum(u.output_tokens), 0) AS output_tokens, ' +
      'percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY u.latency_ms) AS latency, ' +
      'percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY u.ttft_ms) AS ttft ' +
      `FROM usage_records u ${whereClause(this.conditions(query, range, p))}`;
    const [r] = (await this.db.query(text, p.values)) as Array<Record<string, unknown>>;
    const requests = num(r?.requests);
    const errors = num(r?.errors);
    const seconds = (range.to.getTime() - range.from.getTime()) / 1000;
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      requests,
      errors,
      server_errors: num(r?.server_errors),
      error_rate: requests ? errors / requests : 0,
      input_tokens: num(r?.input_tokens),
      output_tokens: num(r?.output_tokens),
      requests_per_second: seconds > 0 ? requests / seconds : 0,
      latency: percentiles((r?.latency as number[] | null) ?? null),
      ttft: percentiles((r?.ttft as number[] | null) ?? null),
    };
  }

  private conditions(filter: Filter, range: ResolvedRange, p: SqlParams): string[] {
    return usageConditions({ key_id: filter.key_id, namespace_id: filter.namespace_id, model: filter.model, from: range.from, to: range.to }, p);
  }

  /** One row per non-empty bucket from the database, the empty ones filled in. */
  private async series<T>(
    query: MonitoringSeriesQueryParsed,
    aggregates: string,
    point: (bucket: string, row: Record<string, unknown> | undefined) => T,
  ): Promise<MonitoringSeries<T>> {
    const range = resolveRange(query.from, query.to);
    const step = bucketSeconds(query.interval, range);
    if (bucketCount(range, step) > MAX_BUCKETS) {
      throw new GatewayError('invalid_request', `This range has more than ${MAX_BUCKETS} buckets of ${query.interval}: choose a wider interval or a shorter range`, {
        param: 'interval',
      });
    }
    const p = new SqlParams();
    const where = this.conditions(query, range, p);
    const text =
      // step: a whole number of seconds from INTERVAL_SECONDS, never client text
      `SELECT (floor(extract(epoch FROM u.created_at) / ${step}) * ${step * 1000})::bigint AS t, ${aggregates} ` +
      `FROM usage_records u ${whereClause(where)} GROUP BY 1 ORDER BY 1`;
    const rows = (await this.db.query(text, p.values)) as Array<Record<string, unknown>>;
    const points = new Map(rows.map((r) => [Number(r.t), point(new Date(Number(r.t)).toISOString(), r)]));
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      interval_seconds: step,
      data: fillBuckets(bucketStarts(range, step), points, (bucket) => point(bucket, undefined)),
    };
  }
}
