import type { UsageEntry } from './usage-entry.js';

const COLUMNS = [
  ['request_id', 'text'],
  ['created_at', 'timestamptz'],
  ['key_id', 'uuid'],
  ['namespace_id', 'uuid'],
  ['route_id', 'uuid'],
  ['source_id', 'uuid'],
  ['instance_id', 'uuid'],
  ['operation', 'text'],
  ['model', 'text'],
  ['upstream_model', 'text'],
  ['input_tokens', 'int'],
  ['output_tokens', 'int'],
  ['estimated', 'bool'],
  ['status', 'smallint'],
  ['error_code', 'text'],
  ['latency_ms', 'int'],
  ['ttft_ms', 'int'],
  ['client_ip', 'text'],
  ['request_body', 'text'],
  ['response_body', 'text'],
  ['bodies_truncated', 'bool'],
] as const;

/** One statement for any number of rows: one array parameter per column, unnest-ed. */
export const INSERT_USAGE_SQL =
  `INSERT INTO usage_records (${COLUMNS.map(([name]) => name).join(', ')}) ` +
  `SELECT * FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`;

const count = (n: number) => (Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), 2_147_483_647) : 0);
const optionalCount = (n: number | null) => (n === null ? null : count(n));
const text = (s: string | null, max = 1000) => (s === null ? null : s.length > max ? s.slice(0, max) : s);

/** The column arrays of `INSERT_USAGE_SQL` for these entries (numbers clamped, long text cut). */
export function usageInsertParams(entries: readonly UsageEntry[]): unknown[][] {
  const columns: unknown[][] = COLUMNS.map(() => new Array(entries.length));
  entries.forEach((e, row) => {
    const values = [
      text(e.requestId, 200),
      e.createdAt.toISOString(),
      e.keyId,
      e.namespaceId,
      e.routeId,
      e.sourceId,
      e.instanceId,
      text(e.operation, 100),
      text(e.model, 200),
      text(e.upstreamModel, 200),
      count(e.inputTokens),
      count(e.outputTokens),
      e.estimated,
      Math.min(Math.max(Math.round(e.status), 0), 999),
      text(e.errorCode, 100),
      count(e.latencyMs),
      optionalCount(e.ttftMs),
      text(e.clientIp, 100),
      e.bodies?.request ?? null,
      e.bodies?.response ?? null,
      e.bodies?.truncated ?? false,
    ];
    values.forEach((value, column) => (columns[column]![row] = value));
  });
  return columns;
}
