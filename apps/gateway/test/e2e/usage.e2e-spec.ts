import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';
import { createTestDatabase, type TestDatabase } from '@aigw/testkit/postgres';
import { usagePageSql } from '../../src/usage/usage-sql.js';

const chat = (model: string, content = 'hi') => ({ model, messages: [{ role: 'user', content }] });

async function countRows(database: TestDatabase, where = 'true', values: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM usage_records WHERE ${where}`, values);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

async function sql(database: TestDatabase, text: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe('usage records', () => {
  let database: TestDatabase;
  let gateway: GatewayProcess;
  /** The same deployment started again (same database and data directory). */
  const restarts: GatewayProcess[] = [];
  const restart = async (env: Record<string, string> = {}) => {
    const replica = await startGateway({ storage: 'postgres', database, dataDir: gateway.dataDir, env });
    restarts.push(replica);
    return replica;
  };
  let upstream: MockOpenAI;
  let admin: AdminClient;
  let main: Awaited<ReturnType<AdminClient['setupChat']>>;
  let other: Awaited<ReturnType<AdminClient['setupChat']>>;

  /** The key's records through the API, polled until there are `n` (records appear within seconds). */
  const recordsOf = async (keyId: string, n: number) => {
    await expect
      .poll(async () => (await admin.get(`/api/admin/usage?key_id=${keyId}&limit=1000`)).body.data.length, { timeout: 10_000, interval: 250 })
      .toBe(n);
    return (await admin.get(`/api/admin/usage?key_id=${keyId}&limit=1000`)).body.data as Array<Record<string, unknown>>;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    [gateway, upstream] = await Promise.all([startGateway({ storage: 'postgres', database }), MockOpenAI.start({ name: 'usage-up' })]);
    admin = await AdminClient.login(gateway.url);
    main = await admin.setupChat([upstream.url], 'usage-model', { upstreamModel: 'mock-upstream-name' });
    other = await admin.setupChat([upstream.url], 'usage-other');
  });
  afterAll(async () => {
    for (const replica of restarts) await replica.cleanup();
    await gateway?.cleanup();
    await database?.drop();
    await upstream?.close();
  });

  it('writes exactly one record per request, for N concurrent requests', async () => {
    const n = 60;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => call(gateway.url, 'POST', '/v1/chat/completions', { key: main.key, body: chat('usage-model', `m${i}`) })));
    expect(results.map((r) => r.status)).toEqual(Array(n).fill(200));
    const records = await recordsOf(main.keyId, n);
    // a second look after another flush: no duplicates trickling in
    await new Promise((r) => setTimeout(r, 1500));
    expect(await countRows(database, 'key_id = $1', [main.keyId])).toBe(n);

    expect(new Set(records.map((r) => r.request_id))).toEqual(new Set(results.map((r) => r.headers.get('x-request-id'))));
    for (const record of records) {
      expect(record).toEqual({
        id: expect.any(String),
        request_id: expect.any(String),
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        key_id: main.keyId,
        namespace_id: null,
        route_id: main.route.id,
        source_id: main.source.id,
        instance_id: main.source.instances[0].id,
        operation: 'chat',
        model: 'usage-model',
        upstream_model: 'mock-upstream-name',
        input_tokens: expect.any(Number),
        output_tokens: expect.any(Number),
        estimated: expect.any(Boolean),
        status: 200,
        error_code: null,
        latency_ms: expect.any(Number),
        ttft_ms: expect.any(Number),
        client_ip: '127.0.0.1',
        has_bodies: false,
      });
    }
    // newest first
    const times = records.map((r) => r.created_at as string);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('records refusals and upstream errors too, with their status and error code', async () => {
    const unknown = await call(gateway.url, 'POST', '/v1/chat/completions', { key: other.key, body: chat('no-such-model') });
    expect(unknown.status).toBe(404);
    upstream.nextResponse({ status: 400, body: { error: { message: 'bad', type: 'invalid_request_error', param: null, code: null } } });
    const upstreamError = await call(gateway.url, 'POST', '/v1/chat/completions', { key: other.key, body: chat('usage-other') });
    expect(upstreamError.status).toBe(400);
    const ok = await call(gateway.url, 'POST', '/v1/chat/completions', { key: other.key, body: chat('usage-other') });
    expect(ok.status).toBe(200);

    const records = await recordsOf(other.keyId, 3);
    expect(records.map((r) => [r.status, r.error_code])).toEqual([
      [200, null],
      [400, expect.any(String)],
      [404, 'model_not_found'],
    ]);
    expect(records[2]).toMatchObject({ route_id: null, source_id: null, instance_id: null, ttft_ms: null });

    const errors = await admin.get(`/api/admin/usage?key_id=${other.keyId}&status=error`);
    expect(errors.body.data.map((r: { status: number }) => r.status)).toEqual([400, 404]);
    const notFound = await admin.get(`/api/admin/usage?key_id=${other.keyId}&status=404`);
    expect(notFound.body.data).toHaveLength(1);
    const fiveHundreds = await admin.get(`/api/admin/usage?key_id=${other.keyId}&status=5xx`);
    expect(fiveHundreds.body.data).toEqual([]);
  });

  it('filters by model, source and time range', async () => {
    const byModel = await admin.get('/api/admin/usage?model=usage-other&limit=1000');
    expect(byModel.body.data.map((r: { model: string }) => r.model)).toEqual(['usage-other', 'usage-other']);
    const bySource = await admin.get(`/api/admin/usage?source_id=${main.source.id}&limit=1000`);
    expect(bySource.body.data).toHaveLength(60);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await admin.get(`/api/admin/usage?from=${encodeURIComponent(future)}`)).body).toEqual({ data: [], has_more: false });
    const past = await admin.get(`/api/admin/usage?to=${encodeURIComponent(future)}&from=2020-01-01&limit=1000`);
    expect(past.body.data).toHaveLength(63);
  });

  it('pages newest first with limit and after', async () => {
    const all = (await admin.get(`/api/admin/usage?key_id=${main.keyId}&limit=1000`)).body.data.map((r: { id: string }) => r.id);
    const seen: string[] = [];
    let after = '';
    for (;;) {
      const page = await admin.get(`/api/admin/usage?key_id=${main.keyId}&limit=25${after ? `&after=${after}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((r: { id: string }) => r.id));
      if (!page.body.has_more) break;
      after = seen[seen.length - 1]!;
    }
    expect(seen).toEqual(all);
  });

  it('summarises requests, errors and tokens by group and hour or day', async () => {
    const byKey = await admin.get('/api/admin/usage/summary?group_by=key&interval=hour');
    expect(byKey.status).toBe(200);
    const hour = new Date();
    hour.setUTCMinutes(0, 0, 0);
    const rows = byKey.body.data as Array<{ group: string; bucket: string; requests: number; errors: number }>;
    const forKey = (id: string) => rows.filter((r) => r.group === id);
    // the requests may straddle an hour boundary: sum the buckets
    const total = (id: string, field: 'requests' | 'errors') => forKey(id).reduce((s, r) => s + r[field], 0);
    expect(total(main.keyId, 'requests')).toBe(60);
    expect(total(main.keyId, 'errors')).toBe(0);
    expect(total(other.keyId, 'requests')).toBe(3);
    expect(total(other.keyId, 'errors')).toBe(2);
    expect(forKey(main.keyId).at(-1)).toEqual({ group: main.keyId, bucket: hour.toISOString(), requests: expect.any(Number), errors: 0, input_tokens: expect.any(Number), output_tokens: expect.any(Number) });

    const byModel = await admin.get('/api/admin/usage/summary?group_by=model&interval=day');
    const day = new Date();
    day.setUTCHours(0, 0, 0, 0);
    const models = (byModel.body.data as Array<{ group: string; bucket: string; requests: number }>).filter((r) => r.bucket === day.toISOString());
    expect(Object.fromEntries(models.map((r) => [r.group, r.requests]))).toMatchObject({ 'usage-model': 60, 'usage-other': 2 });

    const bySource = await admin.get(`/api/admin/usage/summary?group_by=source&key_id=${other.keyId}`);
    const sources = bySource.body.data as Array<{ group: string | null; requests: number }>;
    expect(sources.find((r) => r.group === other.source.id)?.requests).toBe(2);
    expect(sources.find((r) => r.group === null)?.requests).toBe(1); // the refused request reached no source

    const ungrouped = await admin.get(`/api/admin/usage/summary?key_id=${main.keyId}`);
    expect(ungrouped.body.data).toEqual([{ group: null, bucket: day.toISOString(), requests: 60, errors: 0, input_tokens: expect.any(Number), output_tokens: expect.any(Number) }]);
  });

  it('exports the filtered records as a CSV download', async () => {
    const res = await fetch(`${gateway.url}/api/admin/usage/export.csv?key_id=${other.keyId}`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="usage-.*\.csv"$/);
    const lines = (await res.text()).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'id,request_id,created_at,key_id,namespace_id,route_id,source_id,instance_id,operation,model,upstream_model,input_tokens,output_tokens,estimated,status,error_code,latency_ms,ttft_ms,client_ip',
    );
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    const listed = (await admin.get(`/api/admin/usage?key_id=${other.keyId}`)).body.data as Array<Record<string, unknown>>;
    expect(rows.map((r) => r[0])).toEqual(listed.map((r) => r.id));
    expect(rows.map((r) => [r[3], r[14], r[15]])).toEqual([
      [other.keyId, '200', ''],
      [other.keyId, '400', listed[1]!.error_code],
      [other.keyId, '404', 'model_not_found'],
    ]);
    expect(rows.slice(0, 2).map((r) => r[9])).toEqual(['usage-other', 'usage-other']);
  });

  it('exports past one page (2000 rows) in order, escaping what needs it', async () => {
    const keyId = '00000000-0000-4000-8000-00000000e5c0';
    await sql(
      database,
      `INSERT INTO usage_records (request_id, created_at, key_id, operation, model, status, error_code, latency_ms)
       SELECT 'bulk-' || i, now() - i * interval '1 second', $1, 'chat', 'bulk,model', 200, CASE WHEN i = 1 THEN '=cmd("x")' END, i
       FROM generate_series(1, 4500) AS i`,
      [keyId],
    );
    const res = await fetch(`${gateway.url}/api/admin/usage/export.csv?key_id=${keyId}`, { headers: { authorization: `Bearer ${admin.token}` } });
    const lines = (await res.text()).split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(4500);
    expect(lines.map((l) => /,bulk-(\d+),/.exec(l)?.[1])).toEqual(Array.from({ length: 4500 }, (_, i) => String(i + 1)));
    expect(lines[0]).toMatch(/,chat,"bulk,model",,0,0,false,200,"'=cmd\(""x""\)",1,,$/);
    await sql(database, 'DELETE FROM usage_records WHERE key_id = $1', [keyId]);
  });

  it('refuses bad query parameters with a 400 naming the field', async () => {
    const cases: Array<[string, string | null]> = [
      ['/api/admin/usage?from=yesterday', 'from'],
      ['/api/admin/usage?to=2026-01-01T00:00:00', 'to'],
      ['/api/admin/usage?from=2026-02-01&to=2026-01-01', 'from'],
      ['/api/admin/usage?key_id=not-a-uuid', 'key_id'],
      ['/api/admin/usage?status=abc', 'status'],
      ['/api/admin/usage?limit=0', 'limit'],
      ['/api/admin/usage?limit=5000', 'limit'],
      ['/api/admin/usage?after=xyz', 'after'],
      ['/api/admin/usage?keyid=x', null],
      ['/api/admin/usage/summary?group_by=user', 'group_by'],
      ['/api/admin/usage/summary?interval=week', 'interval'],
      ['/api/admin/usage/export.csv?from=soon', 'from'],
    ];
    for (const [path, param] of cases) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body, path).toEqual(openAiError('invalid_request', 'invalid_request_error', param));
    }
    expect((await call(gateway.url, 'GET', '/api/admin/usage')).status).toBe(401);
  });

  it('lets a viewer read usage', async () => {
    const created = await admin.post('/api/admin/users', { email: 'usage-viewer@test.local', password: 'viewer-password', role: 'viewer' });
    expect(created.status).toBe(201);
    const viewer = await AdminClient.login(gateway.url, { email: 'usage-viewer@test.local', password: 'viewer-password' });
    expect((await viewer.get(`/api/admin/usage?key_id=${other.keyId}`)).body.data).toHaveLength(3);
    expect((await viewer.get('/api/admin/usage/summary')).status).toBe(200);
    expect((await viewer.get('/api/admin/usage/export.csv')).status).toBe(200);
  });

  it('serves the dashboard summaries at /api/v1/monitoring', async () => {
    const summary = await admin.get('/api/v1/monitoring/summary');
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({
      from: expect.any(String),
      to: expect.any(String),
      requests: 63,
      errors: 2,
      server_errors: 0,
      error_rate: 2 / 63,
      input_tokens: expect.any(Number),
      output_tokens: expect.any(Number),
      requests_per_second: expect.closeTo(63 / 3600, 5),
      latency: { p50_ms: expect.any(Number), p90_ms: expect.any(Number), p99_ms: expect.any(Number) },
      ttft: { p50_ms: expect.any(Number), p90_ms: expect.any(Number), p99_ms: expect.any(Number) },
    });
    expect(new Date(summary.body.to).getTime() - new Date(summary.body.from).getTime()).toBe(3600_000);
    const { latency } = summary.body;
    expect(latency.p50_ms).toBeLessThanOrEqual(latency.p90_ms);
    expect(latency.p90_ms).toBeLessThanOrEqual(latency.p99_ms);

    const traffic = await admin.get('/api/v1/monitoring/traffic');
    expect(traffic.body.interval_seconds).toBe(60);
    expect(traffic.body.data.length).toBeGreaterThanOrEqual(60);
    expect(traffic.body.data.length).toBeLessThanOrEqual(61);
    expect(traffic.body.data.reduce((s: number, p: { requests: number }) => s + p.requests, 0)).toBe(63);
    expect(traffic.body.data.reduce((s: number, p: { errors: number }) => s + p.errors, 0)).toBe(2);
    expect(traffic.body.data[0]).toEqual({ bucket: expect.any(String), requests: expect.any(Number), errors: expect.any(Number), server_errors: 0 });

    const latencySeries = await admin.get(`/api/v1/monitoring/latency?interval=1h&key_id=${main.keyId}`);
    const busy = latencySeries.body.data.filter((p: { requests: number }) => p.requests > 0);
    expect(busy.reduce((s: number, p: { requests: number }) => s + p.requests, 0)).toBe(60);
    expect(busy[0].latency.p99_ms).toEqual(expect.any(Number));
    const idle = latencySeries.body.data.find((p: { requests: number }) => p.requests === 0);
    if (idle) expect(idle.latency).toEqual({ p50_ms: null, p90_ms: null, p99_ms: null });

    const tokens = await admin.get('/api/v1/monitoring/tokens?interval=5m');
    expect(tokens.body.interval_seconds).toBe(300);
    expect(tokens.body.data[0]).toEqual({ bucket: expect.any(String), input_tokens: expect.any(Number), output_tokens: expect.any(Number) });

    const topKeys = await admin.get('/api/v1/monitoring/top?by=key');
    expect(topKeys.body.by).toBe('key');
    expect(topKeys.body.data.slice(0, 2)).toEqual([
      { id: main.keyId, name: expect.stringMatching(/^usage-model-/), requests: 60, errors: 0, input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
      { id: other.keyId, name: expect.stringMatching(/^usage-other-/), requests: 3, errors: 2, input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    ]);
    const topModels = await admin.get('/api/v1/monitoring/top?by=model&limit=1');
    expect(topModels.body.data).toEqual([{ id: 'usage-model', name: 'usage-model', requests: 60, errors: 0, input_tokens: expect.any(Number), output_tokens: expect.any(Number) }]);
    const topSources = await admin.get('/api/v1/monitoring/top?by=source');
    expect(topSources.body.data.map((e: { id: string; name: string }) => e.id)).toEqual([main.source.id, other.source.id]);
    // no namespaces here: nothing to rank
    expect((await admin.get('/api/v1/monitoring/top?by=namespace')).body.data).toEqual([]);

    const longAgo = await admin.get('/api/v1/monitoring/summary?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z');
    expect(longAgo.body).toMatchObject({ requests: 0, errors: 0, error_rate: 0, latency: { p50_ms: null, p90_ms: null, p99_ms: null } });
  });

  it('refuses bad monitoring parameters with a 400, and lets viewers read', async () => {
    const cases: Array<[string, string | null]> = [
      ['/api/v1/monitoring/traffic?from=nope', 'from'],
      ['/api/v1/monitoring/traffic?from=2026-02-01&to=2026-01-01', 'from'],
      ['/api/v1/monitoring/latency?interval=2m', 'interval'],
      ['/api/v1/monitoring/tokens?interval=1m&from=2020-01-01&to=2021-01-01', 'interval'],
      ['/api/v1/monitoring/top?by=user', 'by'],
      ['/api/v1/monitoring/top?limit=1000', 'limit'],
      ['/api/v1/monitoring/summary?interval=1m', null],
    ];
    for (const [path, param] of cases) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body, path).toEqual(openAiError('invalid_request', 'invalid_request_error', param));
    }
    expect((await call(gateway.url, 'GET', '/api/v1/monitoring/summary')).status).toBe(401);
    const viewer = await AdminClient.login(gateway.url, { email: 'usage-viewer@test.local', password: 'viewer-password' });
    expect((await viewer.get('/api/v1/monitoring/traffic')).status).toBe(200);
  });

  it('shows the writer queue in /metrics', async () => {
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(/^aigw_usage_queue_depth \d+$/m);
    expect(text).toMatch(/^aigw_usage_dropped_total\{reason="queue_full"\} 0$/m);
  });

  it('filters by namespace, the namespace index serving it (records outside any namespace skip that index)', async () => {
    const namespace = await admin.post('/api/admin/namespaces', { name: 'usage-team' });
    expect(namespace.status).toBe(201);
    const key = await admin.post('/api/admin/keys', { name: 'usage-team-key', namespace_id: namespace.body.id });
    // Refused (the namespace has no route for it) or served, the request is recorded in its namespace.
    const res = await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.body.key, body: chat('usage-model') });
    await call(gateway.url, 'POST', '/v1/chat/completions', { key: main.key, body: chat('usage-model') }); // and one outside any namespace
    await expect
      .poll(async () => (await admin.get(`/api/admin/usage?namespace_id=${namespace.body.id}`)).body.data.length, { timeout: 10_000, interval: 250 })
      .toBe(1);
    const [record] = (await admin.get(`/api/admin/usage?namespace_id=${namespace.body.id}`)).body.data;
    expect(record).toMatchObject({ key_id: key.body.id, namespace_id: namespace.body.id, status: res.status, request_id: res.headers.get('x-request-id') });
    await expect.poll(() => countRows(database, 'namespace_id IS NULL'), { timeout: 10_000, interval: 250 }).toBeGreaterThan(0); // not listed above

    // The admin query's shape (a parameter for the namespace) can use the partial index.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off');
      await client.query("SET plan_cache_mode = 'force_generic_plan'");
      await client.query('PREPARE by_namespace(uuid) AS SELECT id FROM usage_records u WHERE u.namespace_id = $1 ORDER BY u.created_at DESC, u.id DESC LIMIT 101');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE by_namespace('${namespace.body.id}')`);
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('usage_records_namespace_idx');
      const index = await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'usage_records_namespace_idx'");
      expect(index.rows[0]!.indexdef).toContain('WHERE (namespace_id IS NOT NULL)');
    } finally {
      await client.end();
    }
  });

  it("finds a request's record by its request id: the gateway's own ids through the primary key, clients' ids through a partial index", async () => {
    const theirs = [`client-${Date.now()}`, randomUUID()];
    const made = await call(gateway.url, 'POST', '/v1/chat/completions', { key: main.key, body: chat('usage-model') });
    const sent = await Promise.all(theirs.map((id) => call(gateway.url, 'POST', '/v1/chat/completions', { key: main.key, body: chat('usage-model'), headers: { 'x-request-id': id } })));
    const ours = made.headers.get('x-request-id')!;
    expect(sent.map((r) => r.headers.get('x-request-id'))).toEqual(theirs);
    for (const requestId of [ours, ...theirs]) {
      await expect
        .poll(async () => (await admin.get(`/api/admin/usage?request_id=${encodeURIComponent(requestId)}`)).body.data.map((r: { request_id: string }) => r.request_id), { timeout: 10_000, interval: 250 })
        .toEqual([requestId]);
    }
    const [own] = (await admin.get(`/api/admin/usage?request_id=${ours}`)).body.data;
    expect(own.id).toBe(ours); // the record took the gateway's id as its own
    const [client] = (await admin.get(`/api/admin/usage?request_id=${theirs[1]}`)).body.data;
    expect(client.id).not.toBe(theirs[1]); // a client's UUID is only its request id

    // Each arm of the admin query's condition is served by an index: no table scan for either kind.
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      await db.query('SET enable_seqscan = off');
      for (const requestId of [ours, theirs[0]!]) {
        const page = usagePageSql({ request_id: requestId }, 50, undefined);
        const plan = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${page.text}`, page.values)).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan).not.toContain('Seq Scan');
        expect(plan).toContain('usage_records_request_idx');
        if (requestId === ours) expect(plan).toContain('usage_records_pkey');
      }
      const index = await db.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'usage_records_request_idx'");
      expect(index.rows[0]!.indexdef).toContain('WHERE (request_id <> (id)::text)');
    } finally {
      await db.end();
    }
  });

  it('keeps request and response bodies only where a policy asks, cut at 64 KiB, shown to admins only', async () => {
    const policy = await admin.post('/api/admin/policies', { name: 'keep bodies', log_bodies: true });
    expect(policy.status, policy.text).toBe(201);
    expect(policy.body.log_bodies).toBe(true);
    const logged = await admin.post('/api/admin/keys', { name: 'logged', policy_ids: [policy.body.id] });
    const plain = await call(gateway.url, 'POST', '/v1/chat/completions', { key: main.key, body: chat('usage-model', 'not kept') });
    const answer = await call(gateway.url, 'POST', '/v1/chat/completions', { key: logged.body.key, body: chat('usage-model', 'keep me') });
    const streamed = await call(gateway.url, 'POST', '/v1/chat/completions', { key: logged.body.key, body: { ...chat('usage-model', 'stream me'), stream: true } });
    const big = await call(gateway.url, 'POST', '/v1/chat/completions', { key: logged.body.key, body: chat('usage-model', 'x'.repeat(100_000)) });
    expect([plain.status, answer.status, streamed.status, big.status]).toEqual([200, 200, 200, 200]);

    const records = await recordsOf(logged.body.id, 3);
    const byRequest = new Map(records.map((r) => [r.request_id, r]));
    const bodiesOf = async (res: { headers: Headers }) => (await admin.get(`/api/admin/usage/${byRequest.get(res.headers.get('x-request-id')!)!.id}/bodies`)).body;
    const kept = await bodiesOf(answer);
    expect(JSON.parse(kept.request_body)).toEqual(chat('usage-model', 'keep me'));
    expect(JSON.parse(kept.response_body).choices[0].message.content).toBe('usage-up echo: keep me');
    expect(kept.truncated).toBe(false);
    // a stream is kept as the client got it: its events, without the usage chunk the gateway asked for
    const stream = await bodiesOf(streamed);
    expect(stream.response_body).toContain('data: [DONE]');
    expect(stream.response_body).toBe(streamed.text);
    const cut = await bodiesOf(big);
    expect(cut.truncated).toBe(true);
    expect(Buffer.byteLength(cut.request_body)).toBe(64 * 1024);
    expect(records.every((r) => r.has_bodies === true)).toBe(true);

    // the key without the policy: nothing kept
    const [plainRecord] = (await admin.get(`/api/admin/usage?request_id=${plain.headers.get('x-request-id')}`)).body.data;
    expect(plainRecord.has_bodies).toBe(false);
    expect((await admin.get(`/api/admin/usage/${plainRecord.id}/bodies`)).body).toMatchObject({ request_body: null, response_body: null });
    // viewers see the records, never the bodies
    const viewer = await AdminClient.login(gateway.url, { email: 'usage-viewer@test.local', password: 'viewer-password' });
    const refused = await viewer.get(`/api/admin/usage/${plainRecord.id}/bodies`);
    expect(refused.status).toBe(403);
    expect((await admin.get('/api/admin/usage/00000000-0000-4000-8000-000000000000/bodies')).status).toBe(404);
  });

  it('loses no record on a clean shutdown right after a burst', async () => {
    const before = await countRows(database);
    // answered, but still in the writer's queue (it writes every second) when SIGTERM arrives
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => call(gateway.url, 'POST', '/v1/chat/completions', { key: main.key, body: chat('usage-model', `quick ${i}`) })));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(await gateway.stop()).toBe(0);
    expect(await countRows(database)).toBe(before + 50);
    expect(gateway.output()).not.toContain('could not be written');
  });

  it('loses no record on a clean shutdown with requests still in flight', async () => {
    const replica = await restart();
    const before = await countRows(database);
    // half of the burst is still waiting on the upstream when SIGTERM arrives
    upstream.nextResponse(...Array.from({ length: 20 }, () => ({ delayMs: 700, body: { id: 'slow', object: 'chat.completion', choices: [], usage: null } })));
    const burst = Array.from({ length: 40 }, (_, i) => call(replica.url, 'POST', '/v1/chat/completions', { key: main.key, body: chat('usage-model', `burst ${i}`) }));
    await expect.poll(() => upstream.requests.filter((r) => r.body.includes('burst')).length, { timeout: 5000, interval: 20 }).toBe(40);
    const stopped = replica.stop();
    const answers = await Promise.all(burst);
    expect(await stopped).toBe(0);
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
    expect(await countRows(database)).toBe(before + 40);
  });

  it('prunes records past USAGE_RETENTION_DAYS at start-up, keeping the rest', async () => {
    const kept = await countRows(database);
    await sql(
      database,
      `INSERT INTO usage_records (request_id, created_at, operation, status, latency_ms)
       SELECT 'old-' || i, now() - interval '40 days' - i * interval '1 minute', 'chat', 200, 1 FROM generate_series(1, 7000) AS i`,
    );
    await sql(database, `INSERT INTO usage_records (request_id, created_at, operation, status, latency_ms) VALUES ('recent-enough', now() - interval '20 days', 'chat', 200, 1)`);
    expect(await countRows(database, "request_id LIKE 'old-%'")).toBe(7000);
    const restarted = await restart({ USAGE_RETENTION_DAYS: '30' });
    await expect.poll(() => countRows(database, "request_id LIKE 'old-%'"), { timeout: 15_000, interval: 250 }).toBe(0);
    expect(await countRows(database)).toBe(kept + 1);
    await restarted.waitForOutput(/pruned old usage records/);
  });

  it('records nothing when USAGE_RECORDS=false, and still serves', async () => {
    const quiet = await restart({ USAGE_RECORDS: 'false' });
    const before = await countRows(database);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => call(quiet.url, 'POST', '/v1/chat/completions', { key: main.key, body: chat('usage-model', `unrecorded ${i}`) })));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(200));
    expect(await quiet.stop()).toBe(0);
    expect(await countRows(database)).toBe(before);
  });
});
