import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { ADMIN, startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';
import { createTestDatabase, type TestDatabase } from '@aigw/testkit/postgres';

const UPSTREAM_SECRET = 'sk-upstream-audit-secret-0123456789';
const NEW_UPSTREAM_SECRET = 'rotated-upstream-secret-9876543210';
const HEADER_SECRET = 'header-secret-value-abcdef';
const REDACTED = '[redacted]';

interface Entry {
  id: string;
  created_at: string;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  before: any;
  after: any;
  outcome: string;
  status: number | null;
  error_code: string | null;
  request_id: string | null;
  client_ip: string | null;
}

describe('audit log', () => {
  let database: TestDatabase;
  let gateway: GatewayProcess;
  let upstream: MockOpenAI;
  let admin: AdminClient;
  let adminId: string;

  const entries = async (query: string): Promise<Entry[]> => {
    const res = await admin.get(`/api/admin/audit?${query}`);
    expect(res.status).toBe(200);
    return res.body.data;
  };
  const latest = async (action: string): Promise<Entry> => (await entries(`action=${action}&limit=1`))[0]!;
  const rawAuditText = async (): Promise<string> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT * FROM audit_log');
      return JSON.stringify(rows);
    } finally {
      await client.end();
    }
  };
  const dbExec = async (text: string) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    [gateway, upstream] = await Promise.all([startGateway({ storage: 'postgres', database }), MockOpenAI.start()]);
    admin = await AdminClient.login(gateway.url);
    adminId = (await admin.get('/api/admin/me')).body.id;
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await database?.drop();
    await upstream?.close();
  });

  it('records a key created, updated and revoked: who, what, before and after, never the secret', async () => {
    const created = await admin.post('/api/admin/keys', { name: 'audited', models: ['a-*'] });
    expect(created.status).toBe(201);
    const keyId = created.body.id;
    expect((await admin.patch(`/api/admin/keys/${keyId}`, { name: 'audited-renamed' })).status).toBe(200);
    expect((await admin.delete(`/api/admin/keys/${keyId}`)).status).toBe(204);

    const trail = await entries(`resource_type=key&resource_id=${keyId}`);
    expect(trail.map((e) => [e.action, e.outcome, e.status])).toEqual([
      ['key.revoke', 'succeeded', 204],
      ['key.update', 'succeeded', 200],
      ['key.create', 'succeeded', 201],
    ]);
    const [revoke, update, create] = trail as [Entry, Entry, Entry];
    expect(create).toEqual({
      id: expect.any(String),
      created_at: expect.any(String),
      actor_id: adminId,
      actor_email: ADMIN.email,
      action: 'key.create',
      resource_type: 'key',
      resource_id: keyId,
      before: null,
      after: expect.objectContaining({ id: keyId, name: 'audited', models: ['a-*'], prefix: created.body.prefix, revoked: false }),
      outcome: 'succeeded',
      status: 201,
      error_code: null,
      request_id: created.headers.get('x-request-id'),
      client_ip: '127.0.0.1',
    });
    expect(update.before).toMatchObject({ name: 'audited' });
    expect(update.after).toMatchObject({ name: 'audited-renamed' });
    expect(revoke.before).toMatchObject({ revoked: false });
    expect(revoke.after).toMatchObject({ revoked: true });

    const secret = created.body.key as string;
    expect(JSON.stringify(trail)).not.toContain(secret);
    expect(await rawAuditText()).not.toContain(secret);
  });

  it('records sources created, updated and deleted without their upstream keys or secret headers', async () => {
    const created = await admin.post('/api/admin/sources', {
      name: 'audited-source',
      instances: [{ url: upstream.url, api_key: UPSTREAM_SECRET, headers: { 'X-Api-Key': HEADER_SECRET, 'X-Region': 'eu' } }],
    });
    expect(created.status).toBe(201);
    const sourceId = created.body.id;
    const updated = await admin.patch(`/api/admin/sources/${sourceId}`, {
      name: 'audited-source-2',
      instances: [{ url: upstream.url, api_key: NEW_UPSTREAM_SECRET, headers: { Authorization: `Bearer ${HEADER_SECRET}` } }],
    });
    expect(updated.status).toBe(200);
    expect((await admin.delete(`/api/admin/sources/${sourceId}`)).status).toBe(204);

    const [remove, update, create] = (await entries(`resource_type=source&resource_id=${sourceId}`)) as [Entry, Entry, Entry];
    expect([create.action, update.action, remove.action]).toEqual(['source.create', 'source.update', 'source.delete']);
    expect(create.before).toBeNull();
    expect(create.after).toMatchObject({ id: sourceId, name: 'audited-source' });
    expect(create.after.instances[0]).toMatchObject({ has_api_key: true, headers: { 'X-Api-Key': REDACTED, 'X-Region': 'eu' } });
    expect(update.before).toMatchObject({ name: 'audited-source' });
    expect(update.after).toMatchObject({ name: 'audited-source-2' });
    expect(update.after.instances[0].headers).toEqual({ Authorization: REDACTED });
    expect(remove.before).toMatchObject({ name: 'audited-source-2' });
    expect(remove.after).toBeNull();

    const everything = JSON.stringify(await entries('limit=200')) + (await rawAuditText());
    for (const secret of [UPSTREAM_SECRET, NEW_UPSTREAM_SECRET, HEADER_SECRET]) expect(everything).not.toContain(secret);
  });

  it('records routes and users, with passwords never stored', async () => {
    const source = await admin.post('/api/admin/sources', { name: 'route-target', instances: [{ url: upstream.url }] });
    const route = await admin.post('/api/admin/routes', { name: 'audited-route', match: { models: ['audited-*'] }, targets: [{ source_id: source.body.id }] });
    expect(route.status).toBe(201);
    expect((await admin.delete(`/api/admin/routes/${route.body.id}`)).status).toBe(204);
    const routeTrail = await entries(`resource_type=route&resource_id=${route.body.id}`);
    expect(routeTrail.map((e) => e.action)).toEqual(['route.delete', 'route.create']);
    expect(routeTrail[0]!.before).toMatchObject({ name: 'audited-route' });

    const user = await admin.post('/api/admin/users', { email: 'audit-viewer@test.local', password: 'viewer-password-1', role: 'viewer' });
    expect(user.status).toBe(201);
    const userCreate = await latest('user.create');
    expect(userCreate).toMatchObject({ resource_id: user.body.id, after: { email: 'audit-viewer@test.local', role: 'viewer' } });
    expect(await rawAuditText()).not.toContain('viewer-password-1');
  });

  it('records logins, failed logins and logouts, and never a password or token', async () => {
    const failed = await call(gateway.url, 'POST', '/auth/login', { body: { email: ADMIN.email, password: 'wrong-password-guess' } });
    expect(failed.status).toBe(401);
    const login = await call(gateway.url, 'POST', '/auth/login', { body: ADMIN });
    expect(login.status).toBe(200);
    const logout = await call(gateway.url, 'POST', '/auth/logout', { body: { refresh_token: login.body.refresh_token } });
    expect(logout.status).toBe(204);

    expect(await latest('auth.login_failed')).toMatchObject({
      actor_id: null,
      actor_email: ADMIN.email,
      resource_type: 'user',
      outcome: 'failed',
      status: 401,
      error_code: 'invalid_credentials',
      before: null,
      after: null,
    });
    expect(await latest('auth.login')).toMatchObject({ actor_id: adminId, actor_email: ADMIN.email, resource_id: adminId, outcome: 'succeeded', status: 200, after: null });
    expect(await latest('auth.logout')).toMatchObject({ actor_id: adminId, actor_email: ADMIN.email, outcome: 'succeeded', status: 204 });
    const raw = await rawAuditText();
    for (const secret of ['wrong-password-guess', ADMIN.password, login.body.access_token, login.body.refresh_token]) expect(raw).not.toContain(secret);
  });

  it('records config applies with the configuration before and after', async () => {
    const document = JSON.stringify({
      version: 1,
      sources: [{ name: 'from-config', instances: [{ url: upstream.url, api_key: UPSTREAM_SECRET }] }],
      routes: [{ name: 'from-config', match: { models: ['cfg-*'] }, targets: [{ source: 'from-config' }] }],
    });
    const applied = await admin.post('/api/admin/config/apply', { document });
    expect(applied.status).toBe(200);
    const entry = await latest('config.apply');
    expect(entry).toMatchObject({ resource_type: 'config', outcome: 'succeeded', status: 200 });
    expect(entry.before.routes.map((r: { name: string }) => r.name)).not.toContain('from-config');
    expect(entry.after.routes.map((r: { name: string }) => r.name)).toContain('from-config');
    expect(await rawAuditText()).not.toContain(UPSTREAM_SECRET);
  });

  it('keeps failed changes, with their error', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await admin.patch(`/api/admin/keys/${missing}`, { name: 'x' })).status).toBe(404);
    expect((await admin.post('/api/admin/keys', { name: 42 })).status).toBe(400);
    const [badCreate, notFound] = (await entries('outcome=failed&resource_type=key')) as [Entry, Entry];
    expect(notFound).toMatchObject({ action: 'key.update', resource_id: missing, status: 404, error_code: 'key_not_found', before: null, after: null });
    expect(badCreate).toMatchObject({ action: 'key.create', status: 400, error_code: 'invalid_request', after: null });
  });

  it('refuses a change it cannot audit, and makes none', async () => {
    const keysBefore = (await admin.get('/api/admin/keys?limit=200')).body.data.length;
    await dbExec('ALTER TABLE audit_log ADD CONSTRAINT audit_down CHECK (false) NOT VALID');
    try {
      const res = await admin.post('/api/admin/keys', { name: 'unaudited' });
      expect(res.status).toBe(503);
      expect(res.body).toEqual(openAiError('service_unavailable', 'server_error'));
    } finally {
      await dbExec('ALTER TABLE audit_log DROP CONSTRAINT audit_down');
    }
    expect((await admin.get('/api/admin/keys?limit=200')).body.data.length).toBe(keysBefore);
    expect((await admin.post('/api/admin/keys', { name: 'audited-again' })).status).toBe(201);
  });

  it('filters and pages newest first, and refuses bad filters', async () => {
    const mine = await entries(`actor_id=${adminId}&limit=200`);
    expect(mine.length).toBeGreaterThan(10);
    expect(mine.every((e) => e.actor_id === adminId)).toBe(true);
    const times = mine.map((e) => e.created_at);
    expect([...times].sort().reverse()).toEqual(times);

    const seen: string[] = [];
    let after = '';
    for (;;) {
      const page = await admin.get(`/api/admin/audit?actor_id=${adminId}&limit=4${after ? `&after=${after}` : ''}`);
      seen.push(...page.body.data.map((e: Entry) => e.id));
      if (!page.body.has_more) break;
      after = seen[seen.length - 1]!;
    }
    expect(seen).toEqual(mine.map((e) => e.id));

    expect(await entries(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    for (const query of ['actor_id=nope', 'from=later', 'limit=0', 'outcome=maybe', 'unknown=1']) {
      expect((await admin.get(`/api/admin/audit?${query}`)).status, query).toBe(400);
    }
  });

  it('lets a viewer read the log, and nobody write to it', async () => {
    const viewer = await AdminClient.login(gateway.url, { email: 'audit-viewer@test.local', password: 'viewer-password-1' });
    const read = await viewer.get('/api/admin/audit?limit=5');
    expect(read.status).toBe(200);
    expect(read.body.data).toHaveLength(5);
    // a viewer's attempt to change something is refused before it could be audited
    expect((await viewer.post('/api/admin/keys', { name: 'nope' })).status).toBe(403);
    const some = read.body.data[0].id;
    // there is no route that writes to it, for anyone
    for (const client of [admin, viewer]) {
      expect((await client.post('/api/admin/audit', { action: 'forged' })).status).toBe(404);
      expect((await client.delete(`/api/admin/audit/${some}`)).status).toBe(404);
      expect((await client.patch(`/api/admin/audit/${some}`, { action: 'forged' })).status).toBe(404);
    }
    expect((await admin.get('/api/admin/audit?action=forged')).body.data).toEqual([]);
  });
});
