import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';
import { createTestDatabase, type TestDatabase } from '@aigw/testkit/postgres';
import { startOwnRedis, type OwnRedis } from '@aigw/testkit/redis-server';
import { createTestRedisPrefix, type TestRedisPrefix } from '@aigw/testkit/redis';

const messages = [{ role: 'user', content: 'hi' }];
const chatBody = (model: string, extra: Record<string, unknown> = {}) => ({ model, messages, ...extra });
// Replicas of one deployment share their secrets.
const SECRETS = { JWT_SECRET: 'j'.repeat(40), MASTER_KEY: 'm'.repeat(40) };

describe('limits across two replicas sharing Redis and Postgres', () => {
  let database: TestDatabase;
  let redis: TestRedisPrefix;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let upstream: MockOpenAI;
  let admin: AdminClient;
  let sourceId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = createTestRedisPrefix();
    upstream = await MockOpenAI.start({ record: false });
    [a, b] = await Promise.all([startGateway({ storage: 'postgres', database, redis, env: SECRETS }), startGateway({ storage: 'postgres', database, redis, env: SECRETS })]);
    admin = await AdminClient.login(a.url);
    sourceId = (await admin.post('/api/admin/sources', { name: 'up', instances: [{ url: upstream.url }] })).body.id;
    await admin.post('/api/admin/routes', { name: 'm', match: { models: ['m', 'other'] }, targets: [{ source_id: sourceId }] });
  });
  afterAll(async () => {
    await Promise.all([a?.cleanup(), b?.cleanup()]);
    await database?.drop();
    await redis?.clear();
    await upstream?.close();
  });

  const keyWith = async (limits: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const res = await admin.post('/api/admin/keys', { name: `k-${Math.random()}`, limits, ...extra });
    expect(res.status, res.text).toBe(201);
    // both replicas know the new key
    await expect.poll(async () => (await call(b.url, 'GET', '/v1/models', { key: res.body.key })).status, { timeout: 2000, interval: 50 }).toBe(200);
    return res.body as { id: string; key: string };
  };
  const burst = (key: string, n: number, body: unknown = chatBody('m')) =>
    Promise.all(Array.from({ length: n }, (_, i) => call(i % 2 ? b.url : a.url, 'POST', '/v1/chat/completions', { key, body })));

  it('admits exactly the requests per minute allowed, however they spread over the replicas', async () => {
    const { key } = await keyWith({ requests_per_minute: 20 });
    const results = await burst(key, 60);
    const admitted = results.filter((r) => r.status === 200).length;
    expect(admitted).toBe(20);
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body).toEqual(openAiError('rate_limit_exceeded', 'rate_limit_error'));
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('x-ratelimit-limit-requests')).toBe('20');
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(refused.headers.get('ratelimit-policy')).toBe('rpm;q=20;w=60');
    expect(refused.headers.get('ratelimit')).toMatch(/^rpm;r=0;t=\d+$/);
    const ok = results.find((r) => r.status === 200)!;
    expect(ok.headers.get('x-ratelimit-limit-requests')).toBe('20');
  });

  it('sends the rate-limit headers with an upstream error too (the request was admitted and counted)', async () => {
    const { key } = await keyWith({ requests_per_minute: 50 });
    upstream.nextResponse({ status: 400, body: { error: { message: 'bad things', type: 'invalid_request_error', code: null } } });
    const res = await call(a.url, 'POST', '/v1/chat/completions', { key, body: chatBody('m') });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-ratelimit-limit-requests')).toBe('50');
    expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('49');
    expect(res.headers.get('ratelimit-policy')).toBe('rpm;q=50;w=60');
  });

  it('far from its limits, admits from leased shares without a store round trip each, stays exact, and gives back what it did not use', async () => {
    const limit = 3000;
    const { key } = await keyWith({ requests_per_minute: limit, concurrent_requests: 5000 });
    const admittedBy = async (url: string, path: string) => Number((await call(url, 'GET', '/metrics')).text.match(new RegExp(`aigw_limiter_admissions_total\\{path="${path}"\\} (\\d+)`))?.[1] ?? 0);
    const leasedBefore = (await admittedBy(a.url, 'lease')) + (await admittedBy(b.url, 'lease'));
    // a quiet key is not leased: a share would cost it more round trips than it saves
    let admitted = 0;
    for (let i = 0; i < 3; i++) admitted += (await call(a.url, 'POST', '/v1/chat/completions', { key, body: chatBody('m') })).status === 200 ? 1 : 0;
    expect((await admittedBy(a.url, 'lease')) + (await admittedBy(b.url, 'lease'))).toBe(leasedBefore);
    // past the limit in bursts of 100 over both replicas (leases while far from it, the store near it)
    for (let sent = 3; sent < limit + 400; sent += 100) admitted += (await burst(key, 100)).filter((r) => r.status === 200).length;
    expect(admitted).toBeLessThanOrEqual(limit);
    const leased = (await admittedBy(a.url, 'lease')) + (await admittedBy(b.url, 'lease')) - leasedBefore;
    expect(leased).toBeGreaterThan(limit / 4);
    // a share lives until its one-second bucket ends; what was not used is given back, so in the end
    // exactly the limit gets through, and nothing more
    await new Promise((r) => setTimeout(r, 1_500));
    admitted += (await burst(key, 100)).filter((r) => r.status === 200).length;
    expect(admitted).toBe(limit);
    // the replicas' pools of concurrency slots go back to the store once idle (seen on a refused request)
    await expect
      .poll(async () => (await burst(key, 1))[0]!.headers.get('ratelimit'), { timeout: 4_000, interval: 250 })
      .toMatch(/^rpm;r=0;t=\d+, concurrent;r=5000;t=\d+$/);
  });

  it('far from its token limits, reserves from leased shares by body size and still ends exact: what is left is the limit less the real usage', async () => {
    const limit = 1_000_000;
    // a long prompt: its tokenizer count, its size-based reservation and its real usage (5, the mock's) all differ
    const body = chatBody('m', { messages: [{ role: 'user', content: 'many words here '.repeat(100) }] });
    const exact = (await admin.post('/api/tokens/count', body)).body.tokens as number;
    expect(exact).toBeGreaterThan(100);
    const { key } = await keyWith({ input_tokens_per_minute: limit });
    const admittedBy = async (url: string) => Number((await call(url, 'GET', '/metrics')).text.match(/aigw_limiter_admissions_total\{path="lease"\} (\d+)/)?.[1] ?? 0);
    const leasedBefore = (await admittedBy(a.url)) + (await admittedBy(b.url));
    let sent = 0;
    for (; sent < 400; sent += 100) expect((await burst(key, 100, body)).every((r) => r.status === 200)).toBe(true);
    expect((await admittedBy(a.url)) + (await admittedBy(b.url)) - leasedBefore).toBeGreaterThan(100);
    // A share is renewed while its bucket's was used; once the traffic stops the chain ends, the rest
    // of the last share is given back (within about two seconds; later on a busy machine) and every
    // request settles. From then on a request the store decides (one a second is too few to lease)
    // sees the limit less the real usage of all before it, less its own tokenizer count.
    const remaining = (res: { headers: Headers }) => Number(/^itpm;r=(\d+);t=\d+$/.exec(res.headers.get('ratelimit') ?? '')?.[1]);
    let last;
    let leasedNow = 0;
    for (let tries = 0; tries < 12; tries++, sent++) {
      await new Promise((r) => setTimeout(r, 1_100));
      leasedNow = await admittedBy(a.url);
      last = await call(a.url, 'POST', '/v1/chat/completions', { key, body });
      expect(last.status).toBe(200);
      if (remaining(last) === limit - sent * 5 - exact) break;
    }
    // the store decided this one (not a share), reserving the tokenizer's count
    expect(await admittedBy(a.url)).toBe(leasedNow);
    expect(remaining(last!)).toBe(limit - sent * 5 - exact);
  });

  it('never admits more per second than allowed, across replicas', async () => {
    const { key } = await keyWith({ requests_per_second: 10 });
    const started = performance.now();
    const results = await burst(key, 40);
    const seconds = (performance.now() - started) / 1000;
    const admitted = results.filter((r) => r.status === 200).length;
    // a sliding one-second window: at most 10 in any second the burst spanned (all of it in one, unless the machine is slow)
    expect(admitted).toBeGreaterThanOrEqual(10);
    expect(admitted).toBeLessThanOrEqual(10 * Math.ceil(seconds + 0.1));
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.headers.get('ratelimit-policy')).toBe('rps;q=10;w=1');
  });

  it('never lets more requests run at once than the concurrency limit', async () => {
    const { key } = await keyWith({ concurrent_requests: 3 });
    for (let i = 0; i < 12; i++) upstream.nextResponse({ delayMs: 600, body: { id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'slow' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } } });
    const results = await burst(key, 12);
    expect(results.filter((r) => r.status === 200).length).toBe(3);
    expect(results.filter((r) => r.status === 429).every((r) => r.body.error.message.includes('concurrent requests'))).toBe(true);
    // the slots come back when the requests end
    upstream.clearScript();
    expect((await call(a.url, 'POST', '/v1/chat/completions', { key, body: chatBody('m') })).status).toBe(200);
  });

  it('counts input tokens per minute across replicas, reserving the counted prompt and settling to the real usage', async () => {
    // the reservation is the tokenizer's count of the prompt; the mock upstream reports 5 prompt tokens
    const body = { model: 'm', messages: [{ role: 'user', content: 'Count these words please, every one of them counts.' }] };
    const counted = await admin.post('/api/tokens/count', body);
    expect(counted.status, counted.text).toBe(200);
    const reserve = counted.body.tokens as number;
    expect(reserve).toBeGreaterThan(10);
    const { key } = await keyWith({ input_tokens_per_minute: 60 });
    // slow answers: nothing settles while the first burst is admitted
    const slowAnswer = { id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } };
    for (let i = 0; i < 8; i++) upstream.nextResponse({ delayMs: 500, body: slowAnswer });
    const first = await burst(key, 8, body);
    upstream.clearScript();
    const admitted = first.filter((r) => r.status === 200).length;
    expect(admitted).toBe(Math.floor(60 / reserve));
    // settled to 5 each: room for more now, still never past 60 in the minute
    const second = await burst(key, 20, body);
    const total = admitted + second.filter((r) => r.status === 200).length;
    expect(total).toBeGreaterThan(admitted);
    expect(total * 5).toBeLessThanOrEqual(60);
    const refused = second.find((r) => r.status === 429)!;
    expect(refused.body).toEqual(openAiError('rate_limit_exceeded', 'rate_limit_error'));
    expect(refused.headers.get('x-ratelimit-limit-tokens')).toBe('60');
  });

  it('refuses with insufficient_quota once the daily tokens are spent', async () => {
    const { key } = await keyWith({ tokens_per_day: 30 });
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await call(a.url, 'POST', '/v1/chat/completions', { key, body: chatBody('m') }));
    const refused = results.find((r) => r.status === 429);
    expect(refused?.body).toEqual(openAiError('insufficient_quota', 'insufficient_quota'));
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('applies a policy changed through one replica on the other within a second', async () => {
    const { id, key } = await keyWith({});
    expect((await call(b.url, 'POST', '/v1/chat/completions', { key, body: chatBody('other') })).status).toBe(200);
    const policy = await admin.post('/api/admin/policies', { name: 'no-other', denied_models: ['other'] });
    expect(policy.status, policy.text).toBe(201);
    expect((await admin.patch(`/api/admin/keys/${id}`, { policy_ids: [policy.body.id] })).status).toBe(200);
    const changedAt = Date.now();
    await expect.poll(async () => (await call(b.url, 'POST', '/v1/chat/completions', { key, body: chatBody('other') })).status, { timeout: 1000, interval: 50 }).toBe(403);
    expect(Date.now() - changedAt).toBeLessThan(1000);
    const denied = await call(b.url, 'POST', '/v1/chat/completions', { key, body: chatBody('other') });
    expect(denied.body).toEqual(openAiError('policy_denied', 'permission_error', 'model'));
    expect((await call(b.url, 'POST', '/v1/chat/completions', { key, body: chatBody('m') })).status).toBe(200);
  });

  it('sends a stream with its event-stream headers, its request id and the rate-limit headers', async () => {
    const { key } = await keyWith({ requests_per_minute: 1000 });
    const res = await fetch(`${a.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(chatBody('m', { stream: true })),
    });
    expect(await res.text()).toContain('data: [DONE]');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-ratelimit-limit-requests')).toBe('1000');
    expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('999');
    expect(res.headers.get('ratelimit-policy')).toBe('rpm;q=1000;w=60');
  });

  it('frees the concurrency slot and bills what was produced when a client leaves mid-stream', async () => {
    const { id, key } = await keyWith({ concurrent_requests: 1 });
    const event = (i: number) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `t${i} ` }, finish_reason: null }] });
    upstream.nextResponse({ events: Array.from({ length: 200 }, (_, i) => event(i)), eventDelayMs: 20 });
    const controller = new AbortController();
    const res = await fetch(`${a.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(chatBody('m', { stream: true })),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    for (let i = 0; i < 5; i++) await reader.read();
    // while the stream runs, the one slot is taken
    expect((await call(b.url, 'POST', '/v1/chat/completions', { key, body: chatBody('m') })).status).toBe(429);
    controller.abort();
    await expect.poll(async () => (await call(b.url, 'POST', '/v1/chat/completions', { key, body: chatBody('m') })).status, { timeout: 3000, interval: 100 }).toBe(200);
    await expect
      .poll(async () => (await admin.get(`/api/admin/usage?key_id=${id}&status=499`)).body.data?.[0], { timeout: 8000, interval: 300 })
      .toMatchObject({ status: 499, estimated: true, output_tokens: expect.any(Number) });
    const cut = (await admin.get(`/api/admin/usage?key_id=${id}&status=499`)).body.data[0];
    expect(cut.output_tokens).toBeGreaterThan(0);
    expect(cut.input_tokens).toBeGreaterThan(0);
  });
});

describe('a replica that stops cleanly', () => {
  it('gives back its leased shares and slots on the way out, so the limits are whole again at once', async () => {
    const database = await createTestDatabase();
    const redis = createTestRedisPrefix();
    const upstream = await MockOpenAI.start({ record: false });
    let first: GatewayProcess | undefined;
    let second: GatewayProcess | undefined;
    try {
      first = await startGateway({ storage: 'postgres', database, redis, env: SECRETS });
      const admin = await AdminClient.login(first.url);
      const { key } = await admin.setupChat([upstream.url], 'leased');
      const keys = await admin.get('/api/admin/keys');
      await admin.patch(`/api/admin/keys/${keys.body.data[0].id}`, { limits: { requests_per_minute: 100_000, concurrent_requests: 5_000 } });
      await expect.poll(async () => (await call(first!.url, 'POST', '/v1/chat/completions', { key, body: chatBody('leased') })).headers.get('ratelimit-policy'), { timeout: 2000, interval: 50 }).toContain('concurrent;q=5000');
      for (let i = 0; i < 5; i++) await Promise.all(Array.from({ length: 50 }, () => call(first!.url, 'POST', '/v1/chat/completions', { key, body: chatBody('leased') })));
      expect(await first.stop()).toBe(0);
      second = await startGateway({ storage: 'postgres', database, redis, env: SECRETS });
      // the only slot taken is this request's own: none left behind by the first replica's pool
      const after = await call(second.url, 'POST', '/v1/chat/completions', { key, body: chatBody('leased') });
      expect(after.status).toBe(200);
      expect(after.headers.get('ratelimit')).toMatch(/concurrent;r=4999;/);
    } finally {
      await first?.cleanup();
      await second?.cleanup();
      await database.drop();
      await redis.clear();
      await upstream.close();
    }
  });
});

describe('when Redis goes away during traffic', () => {
  let own: OwnRedis;
  let gateway: GatewayProcess;
  let upstream: MockOpenAI;
  let closedKey: string;
  let openKey: string;
  let leaver: { id: string; key: string };
  let admin: AdminClient;

  beforeAll(async () => {
    [own, upstream] = await Promise.all([startOwnRedis(), MockOpenAI.start()]);
    gateway = await startGateway({ storage: 'postgres', env: { REDIS_URL: own.url } });
    admin = await AdminClient.login(gateway.url);
    ({ key: closedKey } = await admin.setupChat([upstream.url], 'guarded'));
    const keys = await admin.get('/api/admin/keys');
    await admin.patch(`/api/admin/keys/${keys.body.data[0].id}`, { limits: { requests_per_minute: 1000 } });
    openKey = (await admin.post('/api/admin/keys', { name: 'open', limits: { requests_per_minute: 1000, on_store_failure: 'open' } })).body.key;
    leaver = (await admin.post('/api/admin/keys', { name: 'leaver', limits: { requests_per_minute: 1000 } })).body;
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await own?.stop();
    await upstream?.close();
  });

  const chat = (key: string) => call(gateway.url, 'POST', '/v1/chat/completions', { key, body: chatBody('guarded') });

  const metric = async (pattern: RegExp) => (await call(gateway.url, 'GET', '/metrics')).text.match(pattern)?.[1];

  it('sends nothing upstream and bills nothing for a client that hung up while its request waited for the store', async () => {
    expect((await chat(leaver.key)).status).toBe(200);
    const upstreamCalls = upstream.requests.length;
    own.pause();
    const client = new AbortController();
    const pending = fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${leaver.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(chatBody('guarded')),
      signal: client.signal,
    }).catch(() => 'hung up');
    try {
      // the request is in the gateway, waiting for the store's answer (a new rule has no leased share)
      await expect.poll(() => metric(/^aigw_requests_in_flight (\d+)/m), { timeout: 5000, interval: 50 }).toBe('1');
      client.abort();
      expect(await pending).toBe('hung up');
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      own.resume();
    }
    await expect
      .poll(async () => (await admin.get(`/api/admin/usage?key_id=${leaver.id}&status=499`)).body.data?.[0], { timeout: 8000, interval: 200 })
      .toMatchObject({ status: 499, input_tokens: 0, output_tokens: 0, source_id: null });
    expect(upstream.requests.length).toBe(upstreamCalls);
    expect(await metric(/^aigw_upstream_attempts_total\{[^}]*outcome="(failed|client_closed)"\} [1-9]/m)).toBeUndefined();
    expect(await metric(/^aigw_requests_in_flight (\d+)/m)).toBe('0');
    expect((await chat(leaver.key)).status).toBe(200);
  });

  it('fails closed by default, open where a policy says so, counts both, and recovers', async () => {
    expect((await chat(closedKey)).status).toBe(200);
    await own.kill();
    // A share this replica leased before (1000 per minute is far from the limit) stays good until its
    // one-second bucket ends; the first request after the loss is seen may still be admitted from it.
    let closed = await chat(closedKey);
    const lostAt = performance.now();
    while (closed.status === 200 && performance.now() - lostAt < 1_500) closed = await chat(closedKey);
    expect(closed.status).toBe(503);
    expect(closed.body).toEqual(openAiError('limit_store_unavailable', 'server_error'));
    expect(closed.headers.get('retry-after')).toBe('1');
    expect((await chat(openKey)).status).toBe(200);
    const metrics = (await call(gateway.url, 'GET', '/metrics')).text;
    expect(metrics).toMatch(/aigw_limiter_store_failures_total\{mode="closed"\} [1-9]/);
    expect(metrics).toMatch(/aigw_limiter_store_failures_total\{mode="open"\} [1-9]/);
    expect(gateway.child.exitCode).toBeNull();
    expect((await call(gateway.url, 'GET', '/health')).status).toBe(503);

    await own.restart();
    await expect.poll(async () => (await chat(closedKey)).status, { timeout: 15_000, interval: 250 }).toBe(200);
    expect((await call(gateway.url, 'GET', '/health')).status).toBe(200);
  });
});
