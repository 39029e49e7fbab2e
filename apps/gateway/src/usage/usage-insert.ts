import { USAGE_CSV_COLUMNS } from '@aigw/shared/admin/usage';
import type { UsageEntry } from './usage-entry.js';

/** A record's columns as the admin API lists them (less the id Postgres makes), then the kept bodies. */
const COLUMNS = [...USAGE_CSV_COLUMNS.filter((c) => c !== 'id'), 'request_body', 'response_body', 'bodies_truncated'] as const;

/**
 * One statement and one parameter for any number of rows: the batch as a JSON array, turned into
 * rows by Postgres. Serialising it is one native JSON.stringify; array parameters (one per column)
 * cost the gateway ten times more, escaping every element in JavaScript.
 */
export const INSERT_USAGE_SQL =
  `INSERT INTO usage_records (${COLUMNS.join(', ')}) ` + `SELECT ${COLUMNS.join(', ')} FROM json_populate_recordset(NULL::usage_records, $1::json)`;

type UsageRow = Record<Exclude<(typeof COLUMNS)[number], 'id'>, string | number | boolean | Date | null>;

const count = (n: number) => (Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), 2_147_483_647) : 0);
const optionalCount = (n: number | null) => (n === null ? null : count(n));
const text = (s: string | null, max = 1000) => (s === null ? null : s.length > max ? s.slice(0, max) : s);

/** A row of `usage_records` for an entry (numbers clamped, long text cut, so one odd record cannot fail a batch). */
export function usageRow(e: UsageEntry): UsageRow {
  return {
    request_id: text(e.requestId, 200),
    created_at: e.createdAt,
    key_id: e.keyId,
    namespace_id: e.namespaceId,
    route_id: e.routeId,
    source_id: e.sourceId,
    instance_id: e.instanceId,
    operation: text(e.operation, 100),
    model: text(e.model, 200),
    upstream_model: text(e.upstreamModel, 200),
    input_tokens: count(e.inputTokens),
    output_tokens: count(e.outputTokens),
    estimated: e.estimated,
    status: Math.min(Math.max(Math.round(e.status), 0), 999),
    error_code: text(e.errorCode, 100),
    latency_ms: count(e.latencyMs),
    ttft_ms: optionalCount(e.ttftMs),
    client_ip: text(e.clientIp, 100),
    request_body: e.bodies?.request ?? null,
    response_body: e.bodies?.response ?? null,
    bodies_truncated: e.bodies?.truncated ?? false,
  };
}

/** The one parameter of `INSERT_USAGE_SQL` for these entries. */
export function usageInsertParams(entries: readonly UsageEntry[]): [string] {
  return [JSON.stringify(entries.map(usageRow))];
}
