import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';

// OpenAI cookbook "How to count tokens with tiktoken": 124 prompt tokens on gpt-4o, 129 on gpt-4.
const cookbookMessages = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];

describe('POST /api/tokens/count', () => {
  let gateway: GatewayProcess;
  let admin: AdminClient;
  let key: string;

  beforeAll(async () => {
    gateway = await startGateway({ storage: 'postgres' });
    admin = await AdminClient.login(gateway.url);
    const created = await admin.post('/api/admin/keys', { name: 'token-counter' });
    expect(created.status).toBe(201);
    key = created.body.key;
  });
  afterAll(async () => {
    await gateway?.cleanup();
  });

  const count = (body: unknown, auth: { token?: string; key?: string; headers?: Record<string, string> } = {}) => call(gateway.url, 'POST', '/api/tokens/count', { body, ...auth });

  it('counts chat messages exactly for an admin', async () => {
    const res = await count({ model: 'gpt-4o', messages: cookbookMessages }, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ model: 'gpt-4o', tokens: 124, estimated: false, encoding: 'o200k_base' });
    const gpt4 = await count({ model: 'gpt-4', messages: cookbookMessages }, { token: admin.token });
    expect(gpt4.body).toEqual({ model: 'gpt-4', tokens: 129, estimated: false, encoding: 'cl100k_base' });
  });

  it('lets a viewer count too (nothing is changed)', async () => {
    const email = `viewer-${Date.now()}@test.local`;
    expect((await admin.post('/api/admin/users', { email, password: 'viewer-password-123', role: 'viewer' })).status).toBe(201);
    const viewer = await AdminClient.login(gateway.url, { email, password: 'viewer-password-123' });
    const res = await count({ model: 'gpt-4', input: 'hello world' }, { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ model: 'gpt-4', tokens: 2, estimated: false, encoding: 'cl100k_base' });
  });

  it('accepts an API key, as a Bearer token or as x-api-key', async () => {
    const bearer = await count({ model: 'text-embedding-ada-002', input: ['hello world', 'hello world'] }, { key });
    expect(bearer.status).toBe(200);
    expect(bearer.body).toEqual({ model: 'text-embedding-ada-002', tokens: 4, estimated: false, encoding: 'cl100k_base' });
    const header = await count({ model: 'text-embedding-3-small', input: [[9906, 1917], [0]] }, { headers: { 'x-api-key': key } });
    expect(header.status).toBe(200);
    expect(header.body).toEqual({ model: 'text-embedding-3-small', tokens: 3, estimated: false, encoding: 'cl100k_base' });
  });

  it("marks other families' counts as estimates (seed 004's example)", async () => {
    const res = await count({ model: 'Qwen3-8B', messages: [{ role: 'user', content: '你好' }] }, { key });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ model: 'Qwen3-8B', tokens: 8, estimated: true, encoding: 'o200k_base' });
  });

  it('counts tools and images with a chat request, as estimates', async () => {
    const res = await count(
      {
        model: 'gpt-4o',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } }] }],
        tools: [{ type: 'function', function: { name: 'lookup', description: 'Look something up', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }],
        temperature: 0.2,
      },
      { key },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ model: 'gpt-4o', estimated: true, encoding: 'o200k_base' });
    expect(res.body.tokens).toBeGreaterThan(85 + 20);
  });

  it('refuses requests without credentials, with a bad token or a bad key (401)', async () => {
    const none = await count({ model: 'gpt-4o', input: 'hi' });
    expect(none.status).toBe(401);
    expect(none.body).toEqual(openAiError('missing_api_key', 'invalid_request_error'));
    const badJwt = await count({ model: 'gpt-4o', input: 'hi' }, { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' });
    expect(badJwt.status).toBe(401);
    expect(badJwt.body).toEqual(openAiError('invalid_token', 'authentication_error'));
    const badKey = await count({ model: 'gpt-4o', input: 'hi' }, { key: 'sk-not-a-real-key' });
    expect(badKey.status).toBe(401);
    expect(badKey.body).toEqual(openAiError('invalid_api_key', 'invalid_request_error'));
  });

  it('refuses a revoked key (401)', async () => {
    const created = await admin.post('/api/admin/keys', { name: 'revoked-counter' });
    expect((await admin.delete(`/api/admin/keys/${created.body.id}`)).status).toBe(204);
    const res = await count({ model: 'gpt-4o', input: 'hi' }, { key: created.body.key });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(openAiError('api_key_revoked', 'invalid_request_error'));
  });

  it.each([
    ['no model', { input: 'hi' }, 'model'],
    ['an empty model', { model: ' ', input: 'hi' }, 'model'],
    ['neither messages nor input', { model: 'gpt-4o' }, 'messages'],
    ['both messages and input', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], input: 'hi' }, 'input'],
    ['a message without a role', { model: 'gpt-4o', messages: [{ content: 'hi' }] }, 'messages.0.role'],
    ['an input of the wrong type', { model: 'gpt-4o', input: { text: 'hi' } }, 'input'],
    ['mixed token ids and strings', { model: 'gpt-4o', input: ['hi', 1] }, 'input'],
    ['tools without messages', { model: 'gpt-4o', input: 'hi', tools: [] }, 'tools'],
  ])('answers 400 for %s', async (_name, body, param) => {
    const res = await count(body, { key });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(openAiError('invalid_request', 'invalid_request_error', param));
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await call(gateway.url, 'POST', '/api/tokens/count', { rawBody: '{"model":', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } });
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('invalid_request_error');
  });
});
