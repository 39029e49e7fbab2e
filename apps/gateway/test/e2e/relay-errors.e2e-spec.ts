import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { freePort } from '@aigw/testkit/free-port';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';

const messages = [{ role: 'user', content: 'hi' }];

describe('the data plane under bad input and bad upstreams', () => {
  let gateway: GatewayProcess;
  let upstream: MockOpenAI;
  let admin: AdminClient;
  let key: string;
  let longKey: string;

  beforeAll(async () => {
    [gateway, upstream] = await Promise.all([startGateway({ storage: 'postgres' }), MockOpenAI.start()]);
    admin = await AdminClient.login(gateway.url);
    ({ key } = await admin.setupChat([upstream.url], 'm1', { timeoutMs: 800 }));
    // Long bodies get the default timeout: 800 ms is for the slow-upstream cases, and a 20 MiB
    // round trip can take longer than that on a loaded CI machine.
    ({ key: longKey } = await admin.setupChat([upstream.url], 'long-context'));
    const deadPort = await freePort();
    await admin.setupChat([`http://127.0.0.1:${deadPort}/v1`], 'dead-model');
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await upstream?.close();
  });

  const chat = (body: unknown, extra: { rawBody?: string } = {}) =>
    call(gateway.url, 'POST', '/v1/chat/completions', { key, ...(extra.rawBody !== undefined ? { rawBody: extra.rawBody, headers: { 'content-type': 'application/json' } } : { body }) });

  it('answers malformed JSON and wrong field types with 400', async () => {
    const malformed = await chat(undefined, { rawBody: '{"model": "m1", "messages": [' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual(openAiError('invalid_json', 'invalid_request_error'));
    const wrongType = await chat({ model: 42, messages });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toEqual(openAiError('invalid_request', 'invalid_request_error', 'model'));
    const noMessages = await chat({ model: 'm1' });
    expect(noMessages.body).toEqual(openAiError('invalid_request', 'invalid_request_error', 'messages'));
    const adminMalformed = await admin.request('POST', '/api/admin/keys', { rawBody: '{bad', headers: { 'content-type': 'application/json' } });
    expect(adminMalformed.status).toBe(400);
    expect(adminMalformed.body).toEqual(openAiError('invalid_json', 'invalid_request_error'));
  });

  it('takes long-context bodies up to the 32 MiB default and refuses larger ones with 413', async () => {
    const big = 'x'.repeat(20 * 1024 * 1024);
    const longChat = (body: unknown) => call(gateway.url, 'POST', '/v1/chat/completions', { key: longKey, body });
    const ok = await longChat({ model: 'long-context', messages: [{ role: 'user', content: big }] });
    expect(ok.status).toBe(200);
    const tooBig = await longChat({ model: 'long-context', messages: [{ role: 'user', content: 'y'.repeat(33 * 1024 * 1024) }] });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toEqual(openAiError('request_too_large', 'invalid_request_error'));
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    const res = await chat({ model: 'no-such-model', messages });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(openAiError('model_not_found', 'invalid_request_error', 'model'));
  });

  it('answers 502 when the upstream is down', async () => {
    const res = await chat({ model: 'dead-model', messages });
    expect(res.status).toBe(502);
    expect(res.body).toEqual(openAiError('upstream_unreachable', 'upstream_error'));
  });

  it('answers 504 when the upstream hangs past the deadline', async () => {
    upstream.nextResponse({ hang: true });
    const started = Date.now();
    const res = await chat({ model: 'm1', messages });
    expect(res.status).toBe(504);
    expect(res.body).toEqual(openAiError('upstream_timeout', 'upstream_error'));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('maps upstream errors: its auth failures are ours (502), client mistakes keep their status', async () => {
    upstream.nextResponse({ status: 401, body: { error: { message: 'bad upstream key', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } });
    const auth = await chat({ model: 'm1', messages });
    expect(auth.status).toBe(502);
    expect(auth.body).toEqual(openAiError('upstream_auth_error', 'upstream_error'));

    upstream.nextResponse({ status: 400, body: { error: { message: 'temperature too high', type: 'invalid_request_error', param: 'temperature', code: null } } });
    const client = await chat({ model: 'm1', messages });
    expect(client.status).toBe(400);
    expect(client.body).toEqual(openAiError('invalid_request', 'invalid_request_error', 'temperature'));
    expect(client.body.error.message).toContain('temperature too high');

    upstream.nextResponse({ status: 500, body: 'upstream exploded' });
    const server = await chat({ model: 'm1', messages });
    expect(server.status).toBe(502);
    expect(server.body).toEqual(openAiError('upstream_error', 'upstream_error'));
    expect(server.body.error.message).toContain('upstream exploded');

    upstream.nextResponse({ status: 429, body: { error: { message: 'slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' } } });
    expect((await chat({ model: 'm1', messages })).status).toBe(429);
  });

  it('reports an upstream that dies mid-stream as an error event, never as a clean end', async () => {
    const chunk = (content: string) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm1', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    upstream.nextResponse({ events: [chunk('one'), chunk(' two'), chunk(' three')], dropAfterEvents: 2 });
    const client = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const received: string[] = [];
    const consume = async () => {
      const stream = await client.chat.completions.create({ model: 'm1', messages: [{ role: 'user', content: 'hi' }], stream: true });
      for await (const c of stream) received.push(c.choices[0]?.delta.content ?? '');
    };
    await expect(consume()).rejects.toThrow(/unreachable|Upstream/);
    expect(received.join('')).toBe('one two');
  });

  it('aborts the upstream request when the client goes away mid-stream', async () => {
    const chunk = (i: number) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm1', choices: [{ index: 0, delta: { content: `t${i} ` }, finish_reason: null }] });
    upstream.nextResponse({ events: Array.from({ length: 200 }, (_, i) => chunk(i)), eventDelayMs: 20 });
    const before = upstream.abandoned;
    const controller = new AbortController();
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm1', messages, stream: true }),
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await expect.poll(() => upstream.abandoned, { timeout: 5000 }).toBe(before + 1);
  });

  it('answers unknown paths with a JSON 404 and is still healthy after all of it', async () => {
    const unknownData = await call(gateway.url, 'POST', '/v1/no-such-endpoint', { key, body: {} });
    expect(unknownData.status).toBe(404);
    expect(unknownData.body).toEqual(openAiError('not_found', 'not_found_error'));
    const unknownAdmin = await admin.get('/api/admin/nothing-here');
    expect(unknownAdmin.status).toBe(404);
    expect(unknownAdmin.body).toEqual(openAiError('not_found', 'not_found_error'));
    expect((await call(gateway.url, 'GET', '/health')).status).toBe(200);
    expect(gateway.child.exitCode).toBeNull();
  });
});
