import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';
import { createTestDatabase, type TestDatabase } from '@aigw/testkit/postgres';

const messages = [{ role: 'user', content: 'hi' }];

describe('service sources and routes', () => {
  let database: TestDatabase;
  let gateway: GatewayProcess;
  let up1: MockOpenAI;
  let up2: MockOpenAI;
  let admin: AdminClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    [gateway, up1, up2] = await Promise.all([startGateway({ storage: 'postgres', database }), MockOpenAI.start({ name: 'a' }), MockOpenAI.start({ name: 'b' })]);
    admin = await AdminClient.login(gateway.url);
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await database?.drop();
    await Promise.all([up1?.close(), up2?.close()]);
  });

  it('creates a source whose upstream key is write-only and encrypted at rest', async () => {
    const created = await admin.post('/api/admin/sources', {
      name: 'secret-source',
      instances: [{ url: up1.url, api_key: 'sk-very-secret-upstream', headers: { 'X-Team': 'ml' } }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'secret-source',
      provider: 'openai-compatible',
      // every capability the provider can serve, unless narrowed
      capabilities: ['chat', 'completions', 'embeddings', 'rerank', 'images', 'audio'],
      timeout_ms: null,
      health_check: null,
      api_version: null,
      namespace_id: null,
      instances: [
        {
          id: expect.any(String),
          url: up1.url,
          weight: 1,
          has_api_key: true,
          headers: { 'X-Team': 'ml' },
          enabled: true,
          max_concurrent: null,
          health: { state: 'unknown', last_checked_at: null, latency_ms: null, last_error: null, consecutive_failures: 0, in_flight: 0 },
        },
      ],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(created.text).not.toContain('sk-very-secret-upstream');
    expect((await admin.get('/api/admin/sources')).text).not.toContain('sk-very-secret-upstream');

    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT api_key_enc FROM source_instances WHERE id = $1', [created.body.instances[0].id]);
      expect(rows[0].api_key_enc).toMatch(/^v1\./);
      expect(rows[0].api_key_enc).not.toContain('sk-very-secret');
    } finally {
      await db.end();
    }
  });

  it('balances across instances by weight, and shows their health from real traffic', async () => {
    const source = await admin.post('/api/admin/sources', { name: 'pair', instances: [{ url: up1.url, weight: 3 }, { url: up2.url, weight: 1 }] });
    await admin.post('/api/admin/routes', { name: 'pair', match: { models: ['pair-model'] }, targets: [{ source_id: source.body.id }] });
    const { body: key } = await admin.post('/api/admin/keys', { name: 'pair' });
    const answers: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: { model: 'pair-model', messages } });
      answers.push(res.body.choices[0].message.content.split(' ')[0]);
    }
    // smooth weighted round robin: exactly 6 of 8 to the weight-3 instance
    expect(answers.filter((a) => a === 'a').length).toBe(6);
    expect(answers.filter((a) => a === 'b').length).toBe(2);
    const listed = await admin.get(`/api/admin/sources/${source.body.id}`);
    expect(listed.body.instances.map((i: { health: { state: string } }) => i.health.state)).toEqual(['healthy', 'healthy']);
    expect(listed.body.instances[0].health.latency_ms).toEqual(expect.any(Number));
  });

  it('updates instances in place, keeping a stored key unless told otherwise', async () => {
    const created = await admin.post('/api/admin/sources', { name: 'editable', instances: [{ url: up1.url, api_key: 'sk-keep-me' }] });
    const instanceId = created.body.instances[0].id;
    const renamed = await admin.patch(`/api/admin/sources/${created.body.id}`, {
      name: 'edited',
      instances: [{ id: instanceId, url: up2.url, weight: 5 }, { url: up1.url }],
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.instances).toMatchObject([
      { id: instanceId, url: up2.url, weight: 5, has_api_key: true },
      { url: up1.url, has_api_key: false },
    ]);
    await admin.post('/api/admin/routes', { name: 'edited', match: { models: ['edited-model'] }, targets: [{ source_id: created.body.id }] });
    const { body: key } = await admin.post('/api/admin/keys', { name: 'edited' });
    await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: { model: 'edited-model', messages } });
    expect(up2.requests.at(-1)?.headers.authorization).toBe('Bearer sk-keep-me');

    const cleared = await admin.patch(`/api/admin/sources/${created.body.id}`, { instances: [{ id: instanceId, url: up2.url, api_key: null }] });
    expect(cleared.body.instances).toMatchObject([{ id: instanceId, has_api_key: false }]);
    const foreign = await admin.patch(`/api/admin/sources/${created.body.id}`, { instances: [{ id: '00000000-0000-4000-8000-000000000000', url: up1.url }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toEqual(openAiError('invalid_request', 'invalid_request_error', 'instances.0.id'));
  });

  it('renames the model upstream and routes by priority and header', async () => {
    const a = await admin.post('/api/admin/sources', { name: 'ra', instances: [{ url: up1.url }] });
    const b = await admin.post('/api/admin/sources', { name: 'rb', instances: [{ url: up2.url }] });
    await admin.post('/api/admin/routes', { name: 'glob-low', match: { models: ['fam-*'] }, targets: [{ source_id: a.body.id, model: 'real-a' }] });
    await admin.post('/api/admin/routes', { name: 'exact', match: { models: ['fam-x'] }, targets: [{ source_id: a.body.id }] });
    await admin.post('/api/admin/routes', { name: 'canary', match: { models: ['fam-x'], headers: { 'X-Canary': '1' } }, targets: [{ source_id: b.body.id }], priority: 10 });
    const { body: key } = await admin.post('/api/admin/keys', { name: 'routing' });
    const ask = async (model: string, headers: Record<string, string> = {}) => {
      const res = await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: { model, messages }, headers });
      return res.body.choices[0].message.content.split(' ')[0];
    };
    expect(await ask('fam-y')).toBe('a');
    expect((up1.requests.at(-1)?.json as { model: string }).model).toBe('real-a');
    expect(await ask('fam-x')).toBe('a');
    expect((up1.requests.at(-1)?.json as { model: string }).model).toBe('fam-x');
    expect(await ask('fam-x', { 'X-Canary': '1' })).toBe('b');
  });

  it('refuses bad sources and routes with a 4xx that says why', async () => {
    const cases: Array<[string, unknown, number, string | null]> = [
      ['/api/admin/sources', { name: 'x', instances: [] }, 400, 'instances'],
      ['/api/admin/sources', { name: 'x', instances: [{ url: 'ftp://example.com' }] }, 400, 'instances.0.url'],
      ['/api/admin/sources', { name: 'x', instances: [{ url: up1.url, weight: -1 }] }, 400, 'instances.0.weight'],
      ['/api/admin/sources', { name: 'x', provider: 'carrier-pigeon', instances: [{ url: up1.url }] }, 400, 'provider'],
      ['/api/admin/sources', { name: 'x', provider: 'azure-openai', instances: [{ url: up1.url }] }, 400, 'api_version'],
      ['/api/admin/routes', { name: 'r', match: { paths: ['/v1/chat/completions'] }, targets: [{ source_id: '00000000-0000-4000-8000-000000000000' }] }, 400, 'match.paths.0'],
      ['/api/admin/sources', { name: 'secret-source', instances: [{ url: up1.url }] }, 409, 'name'],
      ['/api/admin/routes', { name: 'r', match: {}, targets: [{ source_id: '00000000-0000-4000-8000-000000000000' }] }, 400, 'match'],
      ['/api/admin/routes', { name: 'r', match: { models: ['m'] }, targets: [] }, 400, 'targets'],
      ['/api/admin/routes', { name: 'r', match: { models: ['m'] }, targets: [{ source_id: '00000000-0000-4000-8000-000000000000' }] }, 404, 'targets.0.source_id'],
      ['/api/admin/routes', { name: 'r', match: { models: ['m'] }, targets: [{ source_id: 'nope' }] }, 400, 'targets.0.source_id'],
    ];
    for (const [path, body, status, param] of cases) {
      const res = await admin.post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.param, JSON.stringify(body)).toBe(param);
    }
  });

  it('refuses to delete a source a route uses, and deletes it once free', async () => {
    const source = await admin.post('/api/admin/sources', { name: 'busy', instances: [{ url: up1.url }] });
    const route = await admin.post('/api/admin/routes', { name: 'busy-route', match: { models: ['busy-model'] }, targets: [{ source_id: source.body.id }] });
    const refused = await admin.delete(`/api/admin/sources/${source.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual(openAiError('source_in_use', 'invalid_request_error'));
    expect(refused.body.error.message).toContain('busy-route');
    expect((await admin.delete(`/api/admin/routes/${route.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/admin/sources/${source.body.id}`)).status).toBe(204);
    expect((await admin.get(`/api/admin/sources/${source.body.id}`)).status).toBe(404);
    const { body: key } = await admin.post('/api/admin/keys', { name: 'after-delete' });
    const gone = await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: { model: 'busy-model', messages } });
    expect(gone.status).toBe(404);
  });
});
