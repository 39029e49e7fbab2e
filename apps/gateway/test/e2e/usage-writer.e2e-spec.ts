import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase } from '@aigw/testkit/postgres';
import { createDataSource, migrate } from '../../src/database/data-source.js';
import { EMBEDDED_POSTGRES_CONF } from '../../src/database/embedded-postgres.js';
import type { UsageEntry } from '../../src/usage/usage-entry.js';
import type { UsageBatch } from '../../src/usage/usage-insert.js';
import { CopyUsageWriter, InsertUsageWriter, type UsageWriter } from '../../src/usage/usage-writer.js';

const KEY = '00000000-0000-4000-8000-00000000000a';

const entry = (n: number, over: Partial<UsageEntry> = {}): UsageEntry => ({
  requestId: `writer-${n}`,
  createdAt: new Date(Date.UTC(2026, 11, 7, 10, 0, 0, n)),
  keyId: KEY,
  namespaceId: null,
  routeId: null,
  sourceId: null,
  instanceId: null,
  operation: 'chat',
  model: 'gpt-4o-mini',
  upstreamModel: 'gpt-4o-mini-2024-07-18',
  inputTokens: 13,
  outputTokens: n,
  estimated: false,
  status: 200,
  errorCode: null,
  latencyMs: 1.4,
  ttftMs: null,
  clientIp: '127.0.0.1',
  ...over,
});

function batchOf<B extends UsageBatch>(writer: UsageWriter<B>, entries: UsageEntry[]): B {
  const batch = writer.batch();
  for (const e of entries) batch.add(e);
  return batch;
}

/** Text Postgres's COPY format would misread unescaped: every separator, escape and null marker. */
const AWKWARD = 'tab\there, line\nbreak, cr\rreturn, back\\slash, \\N, \\t, "quotes", \'single\', emoji 🚀, 中文, nul\0end';

interface Target {
  db: DataSource;
  writer: UsageWriter;
  stop(): Promise<void>;
}

// Both writers against the real thing: COPY into the Postgres server, the JSON INSERT into the
// embedded PGlite (which cannot take COPY over its socket). Same rows in, same rows out.
const targets: Record<string, () => Promise<Target>> = {
  'postgres (COPY)': async () => {
    const database = await createTestDatabase();
    const db = createDataSource(database.url, { poolSize: 2 });
    await db.initialize();
    await migrate(db);
    return { db, writer: new CopyUsageWriter(db), stop: async () => (await db.destroy(), await database.drop()) };
  },
  'embedded PGlite (INSERT)': async () => {
    // In memory, served on a loopback port as the gateway serves its file-backed one.
    const pglite = await PGlite.create({ postgresqlconf: EMBEDDED_POSTGRES_CONF });
    const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    const db = createDataSource(`postgres://postgres@${server.getServerConn()}/postgres`, { poolSize: 1 });
    await db.initialize();
    await migrate(db);
    return { db, writer: new InsertUsageWriter(db), stop: async () => (await db.destroy(), await server.stop(), await pglite.close()) };
  },
};

describe.each(Object.keys(targets))('usage writer: %s', (name) => {
  let target: Target;
  const rows = (where: string) =>
    target.db.query<Array<Record<string, unknown>>>(
      `SELECT id, request_id, created_at, key_id, namespace_id, model, upstream_model, input_tokens, output_tokens, estimated, status, error_code, latency_ms, ttft_ms, client_ip, request_body, response_body, bodies_truncated FROM usage_records WHERE ${where} ORDER BY created_at`,
    );

  const put = (entries: UsageEntry[]) => target.writer.write(batchOf(target.writer, entries));

  beforeAll(async () => {
    target = await targets[name]!();
  });
  afterAll(async () => {
    await target?.stop();
  });

  it('stores every field as given, awkward text and nulls included', async () => {
    await put([
      entry(1),
      entry(2, { model: AWKWARD, errorCode: '\\N', clientIp: null, ttftMs: 7.6, status: 499, estimated: true, bodies: { request: `{"q":"${AWKWARD}"}`, response: null, truncated: true } }),
    ]);
    const [plain, awkward] = await rows(`request_id IN ('writer-1', 'writer-2')`);
    expect(plain).toMatchObject({ request_id: 'writer-1', key_id: KEY, namespace_id: null, model: 'gpt-4o-mini', upstream_model: 'gpt-4o-mini-2024-07-18', input_tokens: 13, output_tokens: 1, estimated: false, status: 200, error_code: null, latency_ms: 1, ttft_ms: null, client_ip: '127.0.0.1', request_body: null, response_body: null, bodies_truncated: false });
    expect(new Date(plain!.created_at as string).toISOString()).toBe('2026-12-07T10:00:00.001Z');
    const stored = AWKWARD.replace('\0', ''); // Postgres text cannot hold NUL: it is the one character dropped
    expect(awkward).toMatchObject({ model: stored, error_code: '\\N', client_ip: null, ttft_ms: 8, status: 499, estimated: true, request_body: `{"q":"${stored}"}`, response_body: null, bodies_truncated: true });
  });

  it('gives rows time-ordered ids (UUID v7), in the order the requests arrived', async () => {
    await put(Array.from({ length: 300 }, (_, i) => entry(100 + i)));
    const written = await rows(`request_id LIKE 'writer-1__' OR request_id LIKE 'writer-2__' OR request_id LIKE 'writer-3__'`);
    expect(written).toHaveLength(300);
    const ids = written.map((r) => r.id as string);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuses a batch with a bad row as a whole, with its SQLSTATE, and keeps working', async () => {
    const bad = put([entry(900), entry(901, { keyId: 'not-a-uuid' })]);
    await expect(bad).rejects.toMatchObject({ code: '22P02' }); // invalid_text_representation: the recorder's cue to retry row by row
    expect(await rows(`request_id IN ('writer-900', 'writer-901')`)).toHaveLength(0);
    await put([entry(902)]);
    expect(await rows(`request_id = 'writer-902'`)).toHaveLength(1);
  });
});

describe('usage writer: postgres connection lost in the middle of a COPY', () => {
  it('fails that batch (to be retried), does not crash, and writes the next one on a new connection', async () => {
    const database = await createTestDatabase();
    const db = createDataSource(database.url, { poolSize: 2 });
    await db.initialize();
    await migrate(db);
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      const writer = new CopyUsageWriter(db);
      const put = (entries: UsageEntry[]) => writer.write(batchOf(writer, entries));
      // Holding the table makes the COPY wait inside Postgres; then its connection is cut, as a
      // network failure would (the socket errors, with no answer from Postgres first).
      await other.query('BEGIN');
      await other.query('LOCK TABLE usage_records IN ACCESS EXCLUSIVE MODE');
      const writing = put([entry(1000)]);
      // Inside a transaction pg_stat_activity is a snapshot taken at its first read: cleared on each poll.
      await expect
        .poll(async () => (await other.query('SELECT pg_stat_clear_snapshot()'), await other.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY usage_records%' AND wait_event_type = 'Lock'`)).rows[0].n)
        .toBe(1);
      const pool = (db.driver as PostgresDriver).master as { _clients: Array<{ connection: { stream: { destroy(err: Error): void } } }> };
      for (const client of pool._clients) client.connection.stream.destroy(new Error('network cable cut'));
      await expect(writing).rejects.toThrow('network cable cut');
      await other.query('ROLLBACK');
      await put([entry(1001)]);
      const { rows } = await other.query<{ request_id: string }>('SELECT request_id FROM usage_records');
      expect(rows.map((r) => r.request_id)).toEqual(['writer-1001']);
    } finally {
      await other.end();
      await db.destroy();
      await database.drop();
    }
  });
});
