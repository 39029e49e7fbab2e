import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { freePort } from '@aigw/testkit/free-port';
import { GATEWAY_DIR, startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';
import { createTestRedisPrefix } from '@aigw/testkit/redis';
import { createTestDatabase } from '@aigw/testkit/postgres';

const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['dist/main.js'], { cwd: GATEWAY_DIR, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });

describe('start-up configuration', () => {
  it('stops with one clear line naming each bad variable, never echoing its value', () => {
    const result = run({ PORT: 'eighty', JWT_SECRET: 'too-short-secret', DATABASE_URL: 'mysql://root@localhost/x' });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Invalid configuration: PORT /),
        expect.stringMatching(/^Invalid configuration: JWT_SECRET must be at least 32 characters/),
        expect.stringMatching(/^Invalid configuration: DATABASE_URL must be a postgres:\/\/ URL/),
      ]),
    );
    expect(result.stderr).not.toContain('too-short-secret');
    expect(run({ ADMIN_EMAIL: 'a@b.io' }).stderr).toMatch(/Invalid configuration: ADMIN_PASSWORD .*set together/);
  });
});

describe('embedded mode on first start', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'aigw-embedded-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('generates an admin once, keeps secrets in a 0600 file, and keeps its data across restarts', async () => {
    const noAdmin = { ADMIN_EMAIL: '', ADMIN_PASSWORD: '' };
    const first = await startGateway({ storage: 'embedded', dataDir, env: noAdmin });
    let password: string;
    try {
      await first.waitForOutput(/password: (\S+)/);
      password = /password: (\S+)/.exec(first.output())![1]!;
      expect(first.output()).toContain('email:    admin@localhost');
      expect(first.output()).toMatch(/generated secrets/);
      const secrets = await stat(path.join(dataDir, 'secrets.json'));
      expect(secrets.mode & 0o777).toBe(0o600);
      const admin = await AdminClient.login(first.url, { email: 'admin@localhost', password });
      expect((await admin.post('/api/admin/keys', { name: 'survives-restart' })).status).toBe(201);
    } finally {
      await first.stop();
    }
    const second = await startGateway({ storage: 'embedded', dataDir, env: noAdmin });
    try {
      expect(second.output()).not.toMatch(/password:/);
      expect(second.output()).not.toMatch(/generated secrets/);
      // same secrets: the old password still logs in (scrypt hash in the embedded database)
      const admin = await AdminClient.login(second.url, { email: 'admin@localhost', password });
      const keys = await admin.get('/api/admin/keys');
      expect(keys.body.data.map((k: { name: string }) => k.name)).toEqual(['survives-restart']);
    } finally {
      await second.stop();
    }
  });
});

describe('embedded mode serving traffic', () => {
  it('writes usage records to the embedded database too', async () => {
    const [gateway, upstream] = await Promise.all([startGateway({ storage: 'embedded' }), MockOpenAI.start()]);
    try {
      const admin = await AdminClient.login(gateway.url);
      const { key, keyId } = await admin.setupChat([upstream.url], 'embedded-usage');
      const chat = await call(gateway.url, 'POST', '/v1/chat/completions', { key, body: { model: 'embedded-usage', messages: [{ role: 'user', content: 'quotes " and \\ and ünïcode\n' }] } });
      expect(chat.status).toBe(200);
      await expect
        .poll(async () => (await admin.get(`/api/admin/usage?key_id=${keyId}`)).body.data, { timeout: 5_000, interval: 200 })
        .toEqual([expect.objectContaining({ request_id: chat.headers.get('x-request-id'), model: 'embedded-usage', status: 200, input_tokens: expect.any(Number) })]);
    } finally {
      await gateway.cleanup();
      await upstream.close();
    }
  });
});

describe('observability and edges', () => {
  let gateway: GatewayProcess;
  let upstream: MockOpenAI;
  let key: string;
  beforeAll(async () => {
    [gateway, upstream] = await Promise.all([startGateway({ storage: 'postgres' }), MockOpenAI.start()]);
    const admin = await AdminClient.login(gateway.url);
    ({ key } = await admin.setupChat([upstream.url], 'metrics-model'));
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await upstream?.close();
  });

  it('exports process and request metrics in Prometheus format', async () => {
    await call(gateway.url, 'POST', '/v1/chat/completions', { key, body: { model: 'metrics-model', messages: [{ role: 'user', content: 'x' }] } });
    await call(gateway.url, 'POST', '/v1/chat/completions', { key, body: { model: 'nope', messages: [] } });
    const res = await call(gateway.url, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toMatch(/aigw_http_requests_total\{route="\/v1\/chat\/completions",method="POST",status="200"\} [1-9]/);
    expect(res.text).toMatch(/aigw_http_requests_total\{route="\/v1\/chat\/completions",method="POST",status="404"\} [1-9]/);
    expect(res.text).toMatch(/aigw_http_request_duration_seconds_bucket\{le="[0-9.]+",route="\/health"/);
  });

  it('exports the OpenTelemetry GenAI histograms, upstream attempts by instance, health state and in-flight requests', async () => {
    await call(gateway.url, 'POST', '/v1/chat/completions', { key, body: { model: 'metrics-model', messages: [{ role: 'user', content: 'count me' }] } });
    const { text } = await call(gateway.url, 'GET', '/metrics');
    const genAi = 'gen_ai_operation_name="chat",gen_ai_provider_name="openai-compatible",gen_ai_request_model="metrics-model",gen_ai_response_model="metrics-model"';
    // the mock upstream reports 5 prompt tokens per request
    expect(text).toMatch(new RegExp(`gen_ai_client_token_usage_sum\\{${genAi},gen_ai_token_type="input"\\} (\\d+)`));
    expect(Number(new RegExp(`gen_ai_client_token_usage_count\\{${genAi},gen_ai_token_type="input"\\} (\\d+)`).exec(text)?.[1])).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(new RegExp(`gen_ai_client_operation_duration_seconds_count\\{${genAi},error_type=""\\} [1-9]`));
    expect(text).toMatch(new RegExp(`gen_ai_server_time_to_first_token_seconds_count\\{${genAi}\\} [1-9]`));
    expect(text).toMatch(new RegExp(`gen_ai_server_request_duration_seconds_count\\{${genAi},error_type=""\\} [1-9]`));
    // a request for an unknown model never reached an upstream
    expect(text).toMatch(/gen_ai_client_operation_duration_seconds_count\{gen_ai_operation_name="chat",gen_ai_provider_name="none",gen_ai_request_model="nope",gen_ai_response_model="",error_type="model_not_found"\} [1-9]/);
    expect(text).toMatch(/aigw_upstream_attempts_total\{source="[^"]+",instance="[0-9a-f-]{36}",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/aigw_instance_health_state\{source="[^"]+",instance="[0-9a-f-]{36}",state="healthy"\} 1/);
    expect(text).toMatch(/aigw_requests_in_flight 0/);
  });

  it('documents the admin API as OpenAPI at /api/docs', async () => {
    const ui = await call(gateway.url, 'GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = await call(gateway.url, 'GET', '/api/docs-json');
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const p of ['/auth/login', '/auth/refresh', '/api/admin/keys', '/api/admin/keys/{id}', '/api/admin/sources', '/api/admin/routes', '/api/admin/me']) {
      expect(Object.keys(doc.body.paths), p).toContain(p);
    }
    // request bodies come from the shared zod schemas
    const createKey = doc.body.paths['/api/admin/keys'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(createKey)).toContain('expires_at');
  });

  it('serves the dashboard at / with a fallback for its client-side pages, but never for API paths', async () => {
    const index = await fetch(`${gateway.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    const html = await index.text();
    expect(html).toContain('<div id="root">');
    const deepLink = await fetch(`${gateway.url}/keys`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toBe(html);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const script = await fetch(gateway.url + asset);
    expect(script.headers.get('cache-control')).toContain('immutable');
    const missingAsset = await call(gateway.url, 'GET', '/assets/nope.js');
    expect(missingAsset.status).toBe(404);
    expect(missingAsset.body.error.code).toBe('not_found');
    const missingApi = await call(gateway.url, 'GET', '/api/admin/nope');
    expect(missingApi.status).toBe(404);
    expect(missingApi.body.error.code).toBe('not_found');
  });

  it('sends security headers on admin and web responses, and no CORS by default', async () => {
    const res = await fetch(`${gateway.url}/api/admin/me`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${gateway.url}/api/admin/keys`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('replicas sharing Postgres and Redis', () => {
  it('revokes a key on every replica within a second', async () => {
    const database = await createTestDatabase();
    const redis = createTestRedisPrefix();
    const upstream = await MockOpenAI.start();
    // Replicas of one deployment share their secrets (ARCHITECTURE.md, Storage).
    const env = { JWT_SECRET: 'j'.repeat(40), MASTER_KEY: 'm'.repeat(40) };
    const started = await Promise.allSettled([startGateway({ storage: 'postgres', database, redis, env }), startGateway({ storage: 'postgres', database, redis, env })]);
    const [a, b] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    try {
      if (!a || !b) throw new Error(`a replica failed to start: ${started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok')).join(' / ')}`);
      const admin = await AdminClient.login(a.url);
      const { key, keyId } = await admin.setupChat([upstream.url], 'replicated');
      const body = { model: 'replicated', messages: [{ role: 'user', content: 'x' }] };
      // b learned of the new key, source and route from a
      await expect.poll(async () => (await call(b.url, 'POST', '/v1/chat/completions', { key, body })).status, { timeout: 1000, interval: 50 }).toBe(200);
      expect((await admin.delete(`/api/admin/keys/${keyId}`)).status).toBe(204);
      const revokedAt = Date.now();
      await expect.poll(async () => (await call(b.url, 'POST', '/v1/chat/completions', { key, body })).status, { timeout: 1000, interval: 50 }).toBe(401);
      expect(Date.now() - revokedAt).toBeLessThan(1000);

      // A third replica with another MASTER_KEY would fail to decrypt upstream keys: it refuses to start.
      const c = startGateway({ storage: 'postgres', database, redis, env: { ...env, MASTER_KEY: 'x'.repeat(40) } });
      await expect(c).rejects.toThrow(/MASTER_KEY differs from the one this database was first used with/);
    } finally {
      await Promise.all([a?.cleanup(), b?.cleanup()]);
      await database.drop();
      await redis.clear();
      await upstream.close();
    }
  });
});

describe('the start command', () => {
  it('`pnpm --filter ./apps/gateway start` runs the built gateway with PORT, HOST and DATA_DIR from the environment', async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'aigw-start-'));
    const child = spawn('pnpm', ['--filter', './apps/gateway', 'start'], {
      cwd: path.resolve(GATEWAY_DIR, '../..'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_EMAIL: 'boss@test.local', ADMIN_PASSWORD: 'boss-password', DATABASE_URL: '', REDIS_URL: '' },
      stdio: 'ignore',
      detached: true,
    });
    try {
      await expect
        .poll(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.status, { timeout: 60_000, interval: 300 })
        .toBe(200);
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { database: { mode: string } };
      expect(health.database.mode).toBe('embedded-pglite');
      expect((await call(`http://127.0.0.1:${port}`, 'POST', '/auth/login', { body: { email: 'boss@test.local', password: 'boss-password' } })).status).toBe(200);
      expect((await stat(path.join(dataDir, 'pgdata'))).isDirectory()).toBe(true);
    } finally {
      // pnpm runs the gateway as a child: stop the whole group we started
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
