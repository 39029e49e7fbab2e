import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';
import { createTestDatabase, type TestDatabase } from '@aigw/testkit/postgres';
import { createTestRedisPrefix, type TestRedisPrefix } from '@aigw/testkit/redis';

const chat = (model: string) => ({ model, messages: [{ role: 'user', content: 'hi' }] });

// Two tenants (seed 004's multi-tenant isolation): each has its own upstream, route and keys; one
// route is global. Whatever a request tries, a tenant's key reaches only its own and global routes.
describe('namespaces', () => {
  let database: TestDatabase;
  let redis: TestRedisPrefix;
  let gateway: GatewayProcess;
  let upA: MockOpenAI;
  let upB: MockOpenAI;
  let upGlobal: MockOpenAI;
  let admin: AdminClient;
  const ns: Record<'a' | 'b', string> = { a: '', b: '' };
  const keys: Record<'a' | 'b' | 'global', { id: string; key: string }> = { a: { id: '', key: '' }, b: { id: '', key: '' }, global: { id: '', key: '' } };

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = createTestRedisPrefix();
    [gateway, upA, upB, upGlobal] = await Promise.all([
      startGateway({ storage: 'postgres', database, redis }),
      MockOpenAI.start({ name: 'upA' }),
      MockOpenAI.start({ name: 'upB' }),
      MockOpenAI.start({ name: 'upG' }),
    ]);
    admin = await AdminClient.login(gateway.url);
    const a = await admin.post('/api/admin/namespaces', { name: 'team-a', matchers: { headers: { 'x-channel-code': 'alpha' }, path_prefixes: ['/team-a'] } });
    const b = await admin.post('/api/admin/namespaces', { name: 'team-b', matchers: { headers: { 'x-channel-code': 'beta' }, path_prefixes: ['/team-b'] } });
    expect([a.status, b.status], a.text + b.text).toEqual([201, 201]);
    ns.a = a.body.id;
    ns.b = b.body.id;
    for (const [name, up, namespace] of [['a', upA, ns.a], ['b', upB, ns.b], ['global', upGlobal, null]] as const) {
      const source = await admin.post('/api/admin/sources', { name: `src-${name}`, namespace_id: namespace, instances: [{ url: up.url }] });
      expect(source.status, source.text).toBe(201);
      // both tenants call their model "chat"; only tenant b has "b-only"
      const models = name === 'global' ? ['shared'] : name === 'b' ? ['chat', 'b-only'] : ['chat'];
      const route = await admin.post('/api/admin/routes', { name: `route-${name}`, namespace_id: namespace, match: { models }, targets: [{ source_id: source.body.id }] });
      expect(route.status, route.text).toBe(201);
      const key = await admin.post('/api/admin/keys', { name: `key-${name}`, namespace_id: namespace });
      expect(key.status, key.text).toBe(201);
      keys[name] = { id: key.body.id, key: key.body.key };
    }
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await database?.drop();
    await redis?.clear();
    await Promise.all([upA?.close(), upB?.close(), upGlobal?.close()]);
  });

  const content = (res: { body: { choices?: { message: { content: string } }[] } }) => res.body.choices?.[0]?.message.content;

  it('sends the same model name to each key\'s own namespace, and global routes to everyone', async () => {
    expect(content(await call(gateway.url, 'POST', '/v1/chat/completions', { key: keys.a.key, body: chat('chat') }))).toBe('upA echo: hi');
    expect(content(await call(gateway.url, 'POST', '/v1/chat/completions', { key: keys.b.key, body: chat('chat') }))).toBe('upB echo: hi');
    for (const k of [keys.a, keys.b, keys.global]) expect(content(await call(gateway.url, 'POST', '/v1/chat/completions', { key: k.key, body: chat('shared') }))).toBe('upG echo: hi');
  });

  it('never lets a key reach or list another namespace\'s routes', async () => {
    const res = await call(gateway.url, 'POST', '/v1/chat/completions', { key: keys.a.key, body: chat('b-only') });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(openAiError('model_not_found', 'invalid_request_error', 'model'));
    const models = await call(gateway.url, 'GET', '/v1/models', { key: keys.a.key });
    expect(models.body.data.map((m: { id: string }) => m.id).sort()).toEqual(['chat', 'shared']);
    const modelsB = await call(gateway.url, 'GET', '/v1/models', { key: keys.b.key });
    expect(modelsB.body.data.map((m: { id: string }) => m.id).sort()).toEqual(['b-only', 'chat', 'shared']);
  });

  it('refuses a key used through another namespace\'s header or path prefix', async () => {
    const byHeader = await call(gateway.url, 'POST', '/v1/chat/completions', { key: keys.a.key, body: chat('chat'), headers: { 'x-channel-code': 'beta' } });
    expect(byHeader.status).toBe(403);
    expect(byHeader.body).toEqual(openAiError('namespace_mismatch', 'permission_error'));
    const byPrefix = await call(gateway.url, 'POST', '/team-b/v1/chat/completions', { key: keys.a.key, body: chat('chat') });
    expect(byPrefix.status).toBe(403);
    expect(byPrefix.body.error.code).toBe('namespace_mismatch');
    // its own matchers are fine
    expect(content(await call(gateway.url, 'POST', '/team-a/v1/chat/completions', { key: keys.a.key, body: chat('chat') }))).toBe('upA echo: hi');
    expect(upB.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(1); // only key b's own call
  });

  it('lets a key without a namespace pick one by header or path prefix', async () => {
    expect(content(await call(gateway.url, 'POST', '/v1/chat/completions', { key: keys.global.key, body: chat('chat'), headers: { 'x-channel-code': 'beta' } }))).toBe('upB echo: hi');
    expect(content(await call(gateway.url, 'POST', '/team-a/v1/chat/completions', { key: keys.global.key, body: chat('chat') }))).toBe('upA echo: hi');
    // without a matcher there is no "chat" outside the namespaces
    expect((await call(gateway.url, 'POST', '/v1/chat/completions', { key: keys.global.key, body: chat('chat') })).status).toBe(404);
  });

  it('refuses routes and keys that point across namespaces, and bad matchers', async () => {
    const sourceB = (await admin.get('/api/admin/sources')).body.data.find((s: { name: string }) => s.name === 'src-b');
    const cross = await admin.post('/api/admin/routes', { name: 'sneaky', namespace_id: ns.a, match: { models: ['x'] }, targets: [{ source_id: sourceB.id }] });
    expect(cross.status).toBe(400);
    expect(cross.body.error.param).toMatch(/targets/);
    const unknown = await admin.post('/api/admin/keys', { name: 'ghost', namespace_id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe('namespace_id');
    const badPrefix = await admin.post('/api/admin/namespaces', { name: 'bad', matchers: { path_prefixes: ['no-slash/'] } });
    expect(badPrefix.status).toBe(400);
    expect(badPrefix.body.error.param).toMatch(/path_prefixes/);
    const taken = await admin.post('/api/admin/namespaces', { name: 'team-c', matchers: { headers: { 'x-channel-code': 'alpha' } } });
    expect(taken.status).toBe(409);
  });

  it('shows a key\'s effective policy: allow lists intersected, deny lists added, each limit at its tightest with its source', async () => {
    const gold = await admin.post('/api/admin/policies', { name: 'gold', allowed_models: ['chat', 'shared'], denied_models: ['old-*'], limits: { requests_per_minute: 100, max_output_tokens: 500 } });
    const strict = await admin.post('/api/admin/policies', { name: 'strict', allowed_models: ['chat*'], limits: { requests_per_minute: 20 }, max_request_bytes: 4096, allowed_ips: ['10.0.0.0/8'] });
    await admin.patch(`/api/admin/namespaces/${ns.a}`, { limits: { requests_per_minute: 50, tokens_per_day: 10_000 }, policy_ids: [strict.body.id] });
    await admin.patch(`/api/admin/keys/${keys.a.id}`, { policy_ids: [gold.body.id], limits: { concurrent_requests: 4 } });
    const res = await admin.get(`/api/admin/keys/${keys.a.id}/effective-policy`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ key_id: keys.a.id, namespace_id: ns.a, allowed_models: ['chat'], denied_models: ['old-*'], max_request_bytes: 4096, allowed_ips: ['10.0.0.0/8'] });
    const limits = Object.fromEntries(res.body.limits.map((l: { name: string; value: number; from: string }) => [l.name, l]));
    expect(limits.requests_per_minute).toEqual({ name: 'requests_per_minute', value: 20, from: 'policy "strict" (on namespace "team-a")' });
    expect(limits.max_output_tokens.from).toBe('policy "gold" (on key "key-a")');
    expect(limits.concurrent_requests.from).toBe('key "key-a"');
    expect(limits.tokens_per_day.from).toBe('namespace "team-a"');
    expect((await admin.get('/api/admin/keys/00000000-0000-4000-8000-000000000000/effective-policy')).status).toBe(404);

    // a policy's optional rules can be cleared again (null: back to "any"), and the audit log keeps the before
    const cleared = await admin.patch(`/api/admin/policies/${strict.body.id}`, { allowed_models: null, max_request_bytes: null, allowed_ips: null });
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.body).toMatchObject({ allowed_models: null, max_request_bytes: null, allowed_ips: null });
    const after = (await admin.get(`/api/admin/keys/${keys.a.id}/effective-policy`)).body;
    expect(after).toMatchObject({ allowed_models: ['chat', 'shared'], max_request_bytes: null, allowed_ips: null });
    const audited = (await admin.get(`/api/admin/audit?resource_id=${strict.body.id}&action=policy.update`)).body.data[0];
    expect(audited.before).toMatchObject({ allowed_models: ['chat*'], max_request_bytes: 4096 });
    expect(audited.after).toMatchObject({ allowed_models: null, max_request_bytes: null });
    const nsAudit = (await admin.get(`/api/admin/audit?resource_id=${ns.a}&action=namespace.update`)).body.data[0];
    expect(nsAudit.before).toMatchObject({ name: 'team-a' });
  });

  it('moves a key to another namespace, effective at once', async () => {
    const moved = await admin.post('/api/admin/keys', { name: 'mover', namespace_id: ns.a });
    expect(content(await call(gateway.url, 'POST', '/v1/chat/completions', { key: moved.body.key, body: chat('chat') }))).toBe('upA echo: hi');
    const patched = await admin.patch(`/api/admin/keys/${moved.body.id}`, { namespace_id: ns.b });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.namespace_id).toBe(ns.b);
    await expect.poll(async () => content(await call(gateway.url, 'POST', '/v1/chat/completions', { key: moved.body.key, body: chat('chat') })), { timeout: 1000, interval: 50 }).toBe('upB echo: hi');
    const unknown = await admin.patch(`/api/admin/keys/${moved.body.id}`, { namespace_id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe('namespace_id');
  });
});
