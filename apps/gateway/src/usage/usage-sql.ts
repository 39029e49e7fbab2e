import type { UsageFilter, UsageGroupBy, UsageInterval, UsageRecord, UsageSummaryRow } from '@aigw/shared/admin/usage';

/** Positional parameters collected while a statement is built. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface Sql {
  text: string;
  values: unknown[];
}

/** The usage filters as SQL conditions on alias `u` (values as parameters, never inlined). */
export function usageConditions(filter: Partial<UsageFilter>, p: SqlParams): string[] {
  const where: string[] = [];
  if (filter.key_id) where.push(`u.key_id = ${p.add(filter.key_id)}`);
  if (filter.namespace_id) where.push(`u.namespace_id = ${p.add(filter.namespace_id)}`);
  if (filter.route_id) where.push(`u.route_id = ${p.add(filter.route_id)}`);
  if (filter.source_id) where.push(`u.source_id = ${p.add(filter.source_id)}`);
  if (filter.model) where.push(`u.model = ${p.add(filter.model)}`);
  if (filter.request_id) where.push(requestIdCondition(filter.request_id, p));
  if (filter.status) {
    const { min, max } = filter.status;
    where.push(min === max ? `u.status = ${p.add(min)}` : `u.status BETWEEN ${p.add(min)} AND ${p.add(max)}`);
  }
  if (filter.from) where.push(`u.created_at >= ${p.add(filter.from.toISOString())}`);
  if (filter.to) where.push(`u.created_at < ${p.add(filter.to.toISOString())}`);
  return where;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Records of one request id. A record whose request id the gateway made has that id as its own
 * (found by the primary key); only the others are in the request-id index, which is partial
 * (migration 1763790900000): each arm of the OR is written so that one index can answer it.
 */
function requestIdCondition(requestId: string, p: SqlParams): string {
  const value = p.add(requestId);
  const theirs = `(u.request_id = ${value} AND u.request_id <> u.id::text)`;
  return UUID.test(requestId) ? `(${theirs} OR (u.id = ${value}::uuid AND u.request_id = ${value}))` : theirs;
}

export const whereClause = (conditions: readonly string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

const RECORD_COLUMNS =
  'u.id, u.request_id, u.created_at, u.key_id, u.namespace_id, u.route_id, u.source_id, u.instance_id, u.operation, u.model, u.upstream_model, ' +
  'u.input_tokens, u.output_tokens, u.estimated, u.status, u.error_code, u.latency_ms, u.ttft_ms, u.client_ip, ' +
  '(u.request_body IS NOT NULL OR u.response_body IS NOT NULL) AS has_bodies';

/** Newest first; `after`: the id of the last record already seen. Asks for `limit` + 1 rows (has_more). */
export function usagePageSql(filter: Partial<UsageFilter>, limit: number, after: string | undefined): Sql {
  const p = new SqlParams();
  const where = usageConditions(filter, p);
  if (after) where.push(`(u.created_at, u.id) < (SELECT c.created_at, c.id FROM usage_records c WHERE c.id = ${p.add(after)})`);
  const text = `SELECT ${RECORD_COLUMNS} FROM usage_records u ${whereClause(where)} ORDER BY u.created_at DESC, u.id DESC LIMIT ${p.add(limit + 1)}`;
  return { text, values: p.values };
}

export interface UsageRow {
  id: string;
  request_id: string;
  created_at: Date;
  key_id: string | null;
  namespace_id: string | null;
  route_id: string | null;
  source_id: string | null;
  instance_id: string | null;
  operation: string;
  model: string | null;
  upstream_model: string | null;
  input_tokens: number;
  output_tokens: number;
  estimated: boolean;
  status: number;
  error_code: string | null;
  latency_ms: number;
  ttft_ms: number | null;
  client_ip: string | null;
  has_bodies: boolean;
}

export const toUsageRecord = (r: UsageRow): UsageRecord => ({ ...r, created_at: r.created_at.toISOString() });

export const GROUP_COLUMNS: Record<UsageGroupBy, string> = { key: 'u.key_id', model: 'u.model', namespace: 'u.namespace_id', source: 'u.source_id' };

/** The summary's default range: the last day of hours, or the last 30 days. */
export function summaryRange(interval: UsageInterval, from: Date | undefined, to: Date | undefined, now = new Date()): { from: Date; to: Date } {
  const end = to ?? now;
  const span = interval === 'hour' ? 86_400_000 : 30 * 86_400_000;
  return { from: from ?? new Date(end.getTime() - span), to: end };
}

/** Requests, errors and tokens per group and UTC hour or day. */
export function usageSummarySql(filter: Partial<UsageFilter>, groupBy: UsageGroupBy | undefined, interval: UsageInterval): Sql {
  const p = new SqlParams();
  const where = usageConditions(filter, p);
  const group = groupBy ? `${GROUP_COLUMNS[groupBy]}::text` : 'NULL::text';
  const text =
    `SELECT ${group} AS "group", date_trunc(${p.add(interval)}, u.created_at, 'UTC') AS bucket, ` +
    `count(*) AS requests, count(*) FILTER (WHERE u.status >= 400) AS errors, ` +
    `coalesce(sum(u.input_tokens), 0) AS input_tokens, coalesce(sum(u.output_tokens), 0) AS output_tokens ` +
    `FROM usage_records u ${whereClause(where)} GROUP BY 1, 2 ORDER BY 2, 1 NULLS LAST`;
  return { text, values: p.values };
}

export interface SummaryRow {
  group: string | null;
  bucket: Date;
  requests: string | number;
  errors: string | number;
  input_tokens: string | number;
  output_tokens: string | number;
}

export const toSummaryRow = (r: SummaryRow): UsageSummaryRow => ({
  group: r.group,
  bucket: r.bucket.toISOString(),
  requests: Number(r.requests),
  errors: Number(r.errors),
  input_tokens: Number(r.input_tokens),
  output_tokens: Number(r.output_tokens),
});
