import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';

const chatBody = (model: string) => ({ model, messages: [{ role: 'user', content: 'hi' }] });

describe('API keys', () => {
  let gateway: GatewayProcess;
  let upstream: MockOpenAI;
  let admin: AdminClient;

  beforeAll(async () => {
    [gateway, upstream] = await Promise.all([startGateway({ storage: 'postgres' }), MockOpenAI.start()]);
    admin = await AdminClient.login(gateway.url);
    await admin.setupChat([upstream.url], 'keys-model');
    await admin.setupChat([upstream.url], 'other-model');
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await upstream?.close();
  });

  it('returns the secret once, and afterwards only its prefix', async () => {
    const created = await admin.post('/api/admin/keys', { name: 'ci', models: ['keys-*'] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'ci',
      key: expect.stringMatching(/^sk-[A-Za-z0-9_-]{43}$/),
      prefix: created.body.key.slice(0, 11),
      namespace_id: null,
      models: ['keys-*'],
      limits: {},
      policy_ids: [],
      expires_at: null,
      created_at: expect.any(String),
      last_used_at: null,
      revoked: false,
    });
    const fetched = await admin.get(`/api/admin/keys/${created.body.id}`);
    expect(fetched.body).not.toHaveProperty('key');
    expect(fetched.body.prefix).toBe(created.body.prefix);
    const list = await admin.get('/api/admin/keys');
    expect(list.body.has_more).toBe(false);
    expect(list.text).not.toContain(created.body.key);
    expect(list.body.data.map((k: { id: string }) => k.id)).toContain(created.body.id);
  });

  it('accepts the key as a Bearer token and as x-api-key, and records last use', async () => {
    const { body: key } = await admin.post('/api/admin/keys', { name: 'both-headers' });
    const bearer = await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: chatBody('keys-model') });
    expect(bearer.status).toBe(200);
    const xApiKey = await call(gateway.url, 'POST', '/v1/chat/completions', { headers: { 'x-api-key': key.key }, body: chatBody('keys-model') });
    expect(xApiKey.status).toBe(200);
    // last_used_at is written in batches (every 10 s), never per request.
    await expect.poll(async () => (await admin.get(`/api/admin/keys/${key.id}`)).body.last_used_at, { timeout: 15_000, interval: 500 }).not.toBeNull();
  });

  it('refuses missing and unknown keys with 401', async () => {
    const missing = await call(gateway.url, 'POST', '/v1/chat/completions', { body: chatBody('keys-model') });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual(openAiError('missing_api_key', 'invalid_request_error'));
    const unknown = await call(gateway.url, 'POST', '/v1/chat/completions', { key: 'sk-not-a-real-key', body: chatBody('keys-model') });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(openAiError('invalid_api_key', 'invalid_request_error'));
  });

  it('limits a key to its models, in chat and in the model list', async () => {
    const { body: key } = await admin.post('/api/admin/keys', { name: 'narrow', models: ['keys-*'] });
    const client = new OpenAI({ apiKey: key.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(['keys-model']);
    const denied = await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: chatBody('other-model') });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual(openAiError('model_not_allowed', 'permission_error', 'model'));
  });

  it('revokes a key at once, and keeps it listed as revoked', async () => {
    const { body: key } = await admin.post('/api/admin/keys', { name: 'to-revoke' });
    expect((await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: chatBody('keys-model') })).status).toBe(200);
    expect((await admin.delete(`/api/admin/keys/${key.id}`)).status).toBe(204);
    const after = await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: chatBody('keys-model') });
    expect(after.status).toBe(401);
    expect(after.body).toEqual(openAiError('api_key_revoked', 'invalid_request_error'));
    expect((await admin.get(`/api/admin/keys/${key.id}`)).body.revoked).toBe(true);
    expect((await admin.delete(`/api/admin/keys/${key.id}`)).status).toBe(204);
  });

  it('stops honouring a key when it expires', async () => {
    const { body: key } = await admin.post('/api/admin/keys', { name: 'short-lived', expires_at: new Date(Date.now() + 1500).toISOString() });
    expect((await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: chatBody('keys-model') })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1700));
    const expired = await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: chatBody('keys-model') });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(openAiError('api_key_expired', 'invalid_request_error'));
  });

  it('updates name, models and expiry', async () => {
    const { body: key } = await admin.post('/api/admin/keys', { name: 'editable' });
    const updated = await admin.patch(`/api/admin/keys/${key.id}`, { name: 'edited', models: ['other-model'], expires_at: '2999-01-01T00:00:00Z' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'edited', models: ['other-model'], expires_at: '2999-01-01T00:00:00.000Z' });
    const denied = await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: chatBody('keys-model') });
    expect(denied.status).toBe(403);
  });

  it('rejects bad key requests with a 400 that names the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'name'],
      [{ name: 42 }, 'name'],
      [{ name: 'x', models: 'gpt-4' }, 'models'],
      [{ name: 'x', expires_at: 'tomorrow' }, 'expires_at'],
      [{ name: 'x', expires_at: '2001-01-01T00:00:00Z' }, 'expires_at'],
      [{ name: 'x', limits: { requests_per_second: -5 } }, 'limits.requests_per_second'],
      [{ name: 'x', namespace_id: '00000000-0000-4000-8000-000000000000' }, 'namespace_id'],
      [{ name: 'x', policy_ids: ['00000000-0000-4000-8000-000000000000'] }, 'policy_ids.0'],
    ];
    for (const [body, param] of cases) {
      const res = await admin.post('/api/admin/keys', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.param, JSON.stringify(body)).toBe(param);
    }
    const unknownField = await admin.post('/api/admin/keys', { name: 'x', surprise: true });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.message).toContain('surprise');
    const notFound = await admin.get('/api/admin/keys/00000000-0000-4000-8000-000000000000');
    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual(openAiError('key_not_found', 'not_found_error'));
    const badId = await admin.get('/api/admin/keys/not-a-uuid');
    expect(badId.status).toBe(400);
  });

  it('pages through keys with limit and after', async () => {
    const first = await admin.get('/api/admin/keys?limit=2');
    expect(first.body.data).toHaveLength(2);
    expect(first.body.has_more).toBe(true);
    const next = await admin.get(`/api/admin/keys?limit=2&after=${first.body.data[1].id}`);
    expect(next.body.data[0].id).not.toBe(first.body.data[0].id);
    expect(next.body.data[0].id).not.toBe(first.body.data[1].id);
    expect((await admin.get('/api/admin/keys?limit=0')).status).toBe(400);
  });
});
