import { USAGE_CSV_COLUMNS } from '@aigw/shared/admin/usage';
import { uuidV7 } from '@aigw/server-kit/uuid-v7';
import type { UsageEntry } from './usage-entry.js';

/** A record's columns as the admin API lists them, then the kept bodies. */
const COLUMNS = [...USAGE_CSV_COLUMNS, 'request_body', 'response_body', 'bodies_truncated'] as const;

type Column = (typeof COLUMNS)[number];
type UsageValue = string | number | boolean | null;
type UsageRow = Record<Column, UsageValue>;

/**
 * Postgres's cheapest way in: COPY's text format, one line per record. With this table's indexes
 * Postgres spends about 13 µs of CPU on a row this way, against about 16 µs to take it apart from
 * JSON (measured, 2-core machine).
 */
export const COPY_USAGE_SQL = `COPY usage_records (${COLUMNS.join(', ')}) FROM STDIN`;

/**
 * For the embedded database (PGlite cannot take COPY over its socket): one statement and one
 * parameter for any number of rows, the batch as a JSON array turned into rows by Postgres.
 */
export const INSERT_USAGE_SQL =
  `INSERT INTO usage_records (${COLUMNS.join(', ')}) ` + `SELECT ${COLUMNS.join(', ')} FROM json_populate_recordset(NULL::usage_records, $1::json)`;

export const count = (n: number) => (Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), 2_147_483_647) : 0);
export const statusCode = (n: number) => Math.min(Math.max(Math.round(n), 0), 999);
const optionalCount = (n: number | null) => (n === null ? null : count(n));
/** Longest text kept per field (UTF-16 units), the same in both writers' forms: one odd record must not fail a batch. */
export const TEXT_MAX = { requestId: 200, operation: 100, model: 200, upstreamModel: 200, errorCode: 100, clientIp: 100 } as const;
/** NUL removed (Postgres text cannot hold it) and long text cut. */
const noNul = (s: string | null | undefined) => (s == null ? null : s.replaceAll('\0', ''));
const text = (s: string | null | undefined, max: number) => noNul(s != null && s.length > max ? s.slice(0, max) : s);

/** `2026-12-07T13:27:18.` for the second last asked for: `toISOString()` was the dearest part of a line. */
let isoSecond = { at: -1, prefix: '' };
const MILLIS = Array.from({ length: 1000 }, (_, ms) => String(ms).padStart(3, '0'));

/** A time as `toISOString()` writes it, the date and time of day made once per second. */
export function isoTime(time: Date): string {
  const ms = time.getTime();
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond.at) isoSecond = { at: second, prefix: new Date(second * 1000).toISOString().slice(0, 20) };
  return `${isoSecond.prefix}${MILLIS[ms - second * 1000]}Z`;
}

/**
 * An entry's values as `usage_records` keeps them, in `COLUMNS` order (`CopyBatch` writes the same
 * values as COPY text). Its id is a UUID v7 of the arrival time, so the primary key index grows
 * at its right edge (a random id costs Postgres a random page per insert).
 */
function usageValues(e: UsageEntry): UsageValue[] {
  return [
    e.id ?? uuidV7(e.createdAt.getTime()),
    text(e.requestId, TEXT_MAX.requestId),
    isoTime(e.createdAt),
    e.keyId,
    e.namespaceId,
    e.routeId,
    e.sourceId,
    e.instanceId,
    text(e.operation, TEXT_MAX.operation),
    text(e.model, TEXT_MAX.model),
    text(e.upstreamModel, TEXT_MAX.upstreamModel),
    count(e.inputTokens),
    count(e.outputTokens),
    e.estimated,
    statusCode(e.status),
    text(e.errorCode, TEXT_MAX.errorCode),
    count(e.latencyMs),
    optionalCount(e.ttftMs),
    text(e.clientIp, TEXT_MAX.clientIp),
    noNul(e.bodies?.request),
    noNul(e.bodies?.response),
    e.bodies?.truncated ?? false,
  ];
}

/** A row of `usage_records` for an entry: its values named after their columns. */
export function usageRow(e: UsageEntry): UsageRow {
  const values = usageValues(e);
  const row = {} as UsageRow;
  COLUMNS.forEach((column, i) => (row[column] = values[i]!));
  return row;
}

/** An entry as one element of `INSERT_USAGE_SQL`'s JSON array. */
function usageJsonRow(e: UsageEntry): string {
  return JSON.stringify(usageRow(e));
}

/**
 * Records encoded for one write, as they wait in the recorder's queue. Each record is encoded when
 * its request is recorded (`add`); a batch the database refused is retried record by record
 * (`split`).
 */
export interface UsageBatch {
  /** Records in the batch. */
  readonly size: number;
  add(entry: UsageEntry): void;
  /** Each record as a batch of its own. */
  split(): UsageBatch[];
  /** The records as the database is sent them, for logs. */
  toString(): string;
}

/** Records as rows of `INSERT_USAGE_SQL`'s JSON array (the embedded database's form). */
export class JsonRowsBatch implements UsageBatch {
  constructor(private readonly rows: string[] = []) {}

  get size(): number {
    return this.rows.length;
  }

  add(entry: UsageEntry): void {
    this.rows.push(usageJsonRow(entry));
  }

  split(): JsonRowsBatch[] {
    return this.rows.map((row) => new JsonRowsBatch([row]));
  }

  /** The one parameter of `INSERT_USAGE_SQL`. */
  params(): [string] {
    return [`[${this.rows.join(',')}]`];
  }

  toString(): string {
    return this.rows.join('\n');
  }
}
