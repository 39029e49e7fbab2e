import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call } from '@aigw/testkit/http';
import { MockOpenAI, mockEmbedding } from '@aigw/testkit/mock-openai';

const messages = [{ role: 'user', content: 'hi' }];

describe('balancing strategies, path routes and status endpoints', () => {
  let gateway: GatewayProcess;
  let admin: AdminClient;
  let key: string;
  let a: MockOpenAI;
  let b: MockOpenAI;

  beforeAll(async () => {
    // TRUST_PROXY: the client address comes from X-Forwarded-For, so the test can be many clients
    [gateway, a, b] = await Promise.all([startGateway({ storage: 'postgres', env: { TRUST_PROXY: 'true' } }), MockOpenAI.start({ name: 'a' }), MockOpenAI.start({ name: 'b' })]);
    admin = await AdminClient.login(gateway.url);
    key = (await admin.post('/api/admin/keys', { name: 'routing' })).body.key;
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await Promise.all([a?.close(), b?.close()]);
  });

  const pairRoute = async (model: string, strategy: string, weights = [1, 1]) => {
    const source = await admin.post('/api/admin/sources', { name: model, instances: [{ url: a.url, weight: weights[0] }, { url: b.url, weight: weights[1] }] });
    const route = await admin.post('/api/admin/routes', { name: model, match: { models: [model] }, targets: [{ source_id: source.body.id }], strategy });
    expect(route.status).toBe(201);
  };
  const ask = async (model: string, headers: Record<string, string> = {}) => {
    const res = await call(gateway.url, 'POST', '/v1/chat/completions', { key, body: { model, messages }, headers });
    expect(res.status).toBe(200);
    return res.body.choices[0].message.content.split(' ')[0] as string;
  };

  it('ip_hash keeps each client on one instance and spreads clients over both', async () => {
    await pairRoute('sticky', 'ip_hash');
    const seen = new Map<string, Set<string>>();
    for (let client = 0; client < 30; client++) {
      const ip = `203.0.113.${client}`;
      for (let repeat = 0; repeat < 3; repeat++) {
        const instance = await ask('sticky', { 'x-forwarded-for': ip });
        seen.set(ip, (seen.get(ip) ?? new Set()).add(instance));
      }
    }
    expect([...seen.values()].every((s) => s.size === 1)).toBe(true);
    const owners = [...seen.values()].map((s) => [...s][0]);
    expect(owners.filter((o) => o === 'a').length).toBeGreaterThan(5);
    expect(owners.filter((o) => o === 'b').length).toBeGreaterThan(5);
  });

  it('least_connections steers new requests away from an instance still busy', async () => {
    await pairRoute('least', 'least_connections');
    a.nextResponse({ delayMs: 1500, body: { id: 'x', object: 'chat.completion', created: 1, model: 'least', choices: [{ index: 0, message: { role: 'assistant', content: 'a slow' }, finish_reason: 'stop' }] } });
    const slow = ask('least');
    await new Promise((r) => setTimeout(r, 200));
    const next = [];
    for (let i = 0; i < 4; i++) next.push(await ask('least'));
    expect(next).toEqual(['b', 'b', 'b', 'b']);
    expect(await slow).toBe('a');
  });

  it('weighted_random follows the weights', async () => {
    await pairRoute('random', 'weighted_random', [4, 1]);
    const picks = [];
    for (let i = 0; i < 150; i++) picks.push(await ask('random'));
    const shareA = picks.filter((p) => p === 'a').length / picks.length;
    // expected 0.8; the bounds leave over 4 standard deviations either side
    expect(shareA).toBeGreaterThan(0.6);
    expect(shareA).toBeLessThan(0.95);
  });

  it('routes task paths and default-model aliases (seed 000)', async () => {
    const source = await admin.post('/api/admin/sources', { name: 'embed-server', instances: [{ url: b.url }] });
    const task = await admin.post('/api/admin/routes', {
      name: 'embed-text-bge',
      match: { paths: ['/embed/text/bge'] },
      targets: [{ source_id: source.body.id, path: '/embeddings', model: 'bge-m3' }],
    });
    expect(task.status).toBe(201);
    await admin.post('/api/admin/routes', { name: 'default-embed', match: { models: ['default-embed'] }, targets: [{ source_id: source.body.id, model: 'bge-m3' }] });

    const viaPath = await call(gateway.url, 'POST', '/embed/text/bge', { key, body: { input: 'hello' } });
    expect(viaPath.status).toBe(200);
    expect(viaPath.body.data[0].embedding).toEqual(mockEmbedding('hello'));
    expect(b.requests.at(-1)?.path).toBe('/v1/embeddings');

    const viaAlias = await call(gateway.url, 'POST', '/v1/embeddings', { key, body: { model: 'default-embed', input: 'hello', encoding_format: 'float' } });
    expect(viaAlias.body.data[0].embedding).toEqual(mockEmbedding('hello'));
    expect((b.requests.at(-1)?.json as { model: string }).model).toBe('bge-m3');

    expect((await call(gateway.url, 'POST', '/embed/text/none', { key, body: {} })).status).toBe(404);
    expect((await call(gateway.url, 'POST', '/embed/text/bge', { body: {} })).status).toBe(401);
  });

  it('reports per-capability status for the key, and every upstream at /health/all without URLs', async () => {
    const status = await call(gateway.url, 'GET', '/v1/chat/status', { key });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ capability: 'chat', status: 'ok' });
    expect(status.body.total_instances).toBeGreaterThanOrEqual(2);
    expect(status.body.models).toEqual(expect.arrayContaining(['sticky', 'least', 'random', 'default-embed']));
    expect((await call(gateway.url, 'GET', '/v1/embeddings/status', { key })).body.capability).toBe('embeddings');
    expect((await call(gateway.url, 'GET', '/v1/chat/status')).status).toBe(401);

    const narrow = (await admin.post('/api/admin/keys', { name: 'narrow', models: ['sticky'] })).body.key;
    expect((await call(gateway.url, 'GET', '/v1/chat/status', { key: narrow })).body.models).toEqual(['sticky']);

    const all = await call(gateway.url, 'GET', '/health/all');
    expect(all.status).toBe(200);
    expect(all.body.sources.length).toBeGreaterThanOrEqual(4);
    expect(all.body.sources[0]).toMatchObject({ id: expect.any(String), name: expect.any(String), state: expect.stringMatching(/healthy|degraded|down/) });
    expect(all.text).not.toContain('127.0.0.1');
  });
});
