import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { freePort } from '@aigw/testkit/free-port';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';

const messages = [{ role: 'user', content: 'hi' }];
const who = (res: { body: { choices: Array<{ message: { content: string } }> } }) => res.body.choices[0]!.message.content.split(' ')[0];

describe('failover, ejection and recovery with real upstream servers', () => {
  let gateway: GatewayProcess;
  let admin: AdminClient;
  let key: string;
  const upstreams: MockOpenAI[] = [];

  beforeAll(async () => {
    gateway = await startGateway({ storage: 'postgres' });
    admin = await AdminClient.login(gateway.url);
    key = (await admin.post('/api/admin/keys', { name: 'failover' })).body.key;
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await Promise.all(upstreams.map((u) => u.close().catch(() => undefined)));
  });

  const start = async (name: string, port?: number) => {
    const mock = await MockOpenAI.start({ name, port });
    upstreams.push(mock);
    return mock;
  };
  const route = async (model: string, primary: string[], extra: Record<string, unknown> = {}, fallback: string[] = [], source: Record<string, unknown> = {}) => {
    const a = await admin.post('/api/admin/sources', { name: `${model}-primary`, instances: primary.map((url) => ({ url })), ...source });
    const targets = [{ source_id: a.body.id }];
    let fallbackTargets: Array<{ source_id: string }> = [];
    if (fallback.length) {
      const b = await admin.post('/api/admin/sources', { name: `${model}-fallback`, instances: fallback.map((url) => ({ url })) });
      fallbackTargets = [{ source_id: b.body.id }];
    }
    const r = await admin.post('/api/admin/routes', { name: model, match: { models: [model] }, targets, fallback: fallbackTargets, ...extra });
    expect(r.status).toBe(201);
    return a.body;
  };
  const chat = (model: string) => call(gateway.url, 'POST', '/v1/chat/completions', { key, body: { model, messages } });

  it('fails over when an instance is killed, ejects it, and takes it back after it restarts', async () => {
    const [a, b] = [await start('a'), await start('b')];
    const source = await route('pair', [a.url, b.url]);
    await a.close();
    // every request still succeeds: a refused connection is retried on the other instance
    for (let i = 0; i < 6; i++) {
      const res = await chat('pair');
      expect(res.status).toBe(200);
      expect(who(res)).toBe('b');
    }
    const ejected = await admin.get(`/api/admin/sources/${source.id}`);
    expect(ejected.body.instances[0].health).toMatchObject({ state: 'ejected', consecutive_failures: 3 });
    const all = await call(gateway.url, 'GET', '/health/all');
    expect(all.body.sources.find((s: { id: string }) => s.id === source.id)).toMatchObject({ state: 'degraded' });

    const restarted = await start('a', a.port);
    // after the cooldown (5 s) one trial request goes to a, succeeds, and a is back in rotation
    await expect
      .poll(async () => who(await chat('pair')), { timeout: 12_000, interval: 250 })
      .toBe('a');
    const back = await admin.get(`/api/admin/sources/${source.id}`);
    expect(back.body.instances[0].health.state).toBe('healthy');
    expect(restarted.requests.length).toBeGreaterThan(0);
  });

  it('fails over on 5xx and 429 before the first byte, never after it', async () => {
    const [a, b] = [await start('a5'), await start('b5')];
    await route('flaky', [a.url, b.url], { strategy: 'round_robin' });
    a.nextResponse({ status: 503, body: { error: { message: 'overloaded' } } });
    b.nextResponse({ status: 429, body: { error: { message: 'slow down' } } });
    // a answers 503, b 429: both retried; the third attempt goes back... to nobody new, so the last error stands
    const both = await chat('flaky');
    expect(both.status).toBe(429);
    // a 500 from one instance is retried on the other: whichever gets the request, the client sees a 200
    const aBefore = a.requests.length;
    a.nextResponse({ status: 500, body: 'boom' });
    for (let i = 0; i < 2; i++) expect((await chat('flaky')).status).toBe(200);
    expect(a.requests.length).toBe(aBefore + 1);

    // after the first byte: one upstream, one error event, no retry
    const before = a.requests.length + b.requests.length;
    const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'partial' }, finish_reason: null }] };
    a.nextResponse({ events: [chunk, chunk], dropAfterEvents: 1 });
    b.nextResponse({ events: [chunk, chunk], dropAfterEvents: 1 });
    const client = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'flaky', messages: [{ role: 'user', content: 'x' }], stream: true });
    await expect(async () => {
      for await (const _ of stream) void _;
    }).rejects.toThrow();
    expect(a.requests.length + b.requests.length).toBe(before + 1);
  });

  it('uses the fallback targets when every primary instance is down', async () => {
    const dead = `http://127.0.0.1:${await freePort()}/v1`;
    const spare = await start('spare');
    await route('with-fallback', [dead], {}, [spare.url]);
    const res = await chat('with-fallback');
    expect(res.status).toBe(200);
    expect(who(res)).toBe('spare');
  });

  it('answers 503 when every instance is ejected, and 504 when the deadline passes', async () => {
    const dead = `http://127.0.0.1:${await freePort()}/v1`;
    await route('all-dead', [dead]);
    for (let i = 0; i < 3; i++) expect((await chat('all-dead')).status).toBe(502);
    const ejected = await chat('all-dead');
    expect(ejected.status).toBe(503);
    expect(ejected.headers.get('retry-after')).toBe('1');
    expect(ejected.body).toEqual(openAiError('no_available_instance', 'server_error'));

    const slow = [await start('slow1'), await start('slow2'), await start('slow3')];
    await route('slow', slow.map((m) => m.url), {}, [], { timeout_ms: 1000 });
    for (const m of slow) m.nextResponse({ hang: true });
    const started = Date.now();
    const timedOut = await chat('slow');
    expect(timedOut.status).toBe(504);
    expect(timedOut.body).toEqual(openAiError('upstream_timeout', 'upstream_error'));
    // one overall deadline across attempts (about 1 s), not one per attempt (3 s)
    expect(Date.now() - started).toBeLessThan(2200);
  });

  it('probes instances actively: a dead one is ejected without traffic and restored when it is back', async () => {
    const probed = await start('probed');
    const source = await route('probed', [probed.url], {}, [], { health_check: { path: '/health', interval_s: 1, timeout_ms: 500, unhealthy_threshold: 2, healthy_threshold: 1 } });
    await expect.poll(async () => (await admin.get(`/api/admin/sources/${source.id}`)).body.instances[0].health.state, { timeout: 5000 }).toBe('healthy');
    await probed.close();
    await expect.poll(async () => (await admin.get(`/api/admin/sources/${source.id}`)).body.instances[0].health.state, { timeout: 8000 }).toBe('ejected');
    expect((await chat('probed')).status).toBe(503);
    await start('probed', probed.port);
    await expect.poll(async () => (await admin.get(`/api/admin/sources/${source.id}`)).body.instances[0].health.state, { timeout: 8000 }).toBe('healthy');
    expect((await chat('probed')).status).toBe(200);
  });
});
