import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';
import { createTestDatabase, type TestDatabase } from '@aigw/testkit/postgres';
import { createTestRedisPrefix, type TestRedisPrefix } from '@aigw/testkit/redis';

const LIMIT = 10;
const messages = [{ role: 'user' as const, content: 'Write a long story.' }];
// ` hello` is one token in o200k_base: the counted output is the number of words.
const word = { id: 'chatcmpl-up', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'm', choices: [{ index: 0, delta: { content: ' hello' }, finish_reason: null }] };
const longStream = (words: number, extra: Record<string, unknown> = {}) => ({
  events: Array.from({ length: words }, () => ({ ...word, ...extra })),
  eventDelayMs: 15,
});

describe('live output-token limit on streams (policy max_output_tokens)', () => {
  let database: TestDatabase;
  let redis: TestRedisPrefix;
  let gateway: GatewayProcess;
  let upstream: MockOpenAI;
  let admin: AdminClient;
  let keyId: string;
  let apiKey: string;
  let client: OpenAI;
  let promptTokens: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = createTestRedisPrefix();
    [gateway, upstream] = await Promise.all([startGateway({ storage: 'postgres', database, redis }), MockOpenAI.start()]);
    admin = await AdminClient.login(gateway.url);
    const source = await admin.post('/api/admin/sources', { name: 'up', instances: [{ url: upstream.url }] });
    await admin.post('/api/admin/routes', { name: 'm', match: { models: ['m'] }, targets: [{ source_id: source.body.id }] });
    const policy = await admin.post('/api/admin/policies', { name: 'short answers', limits: { max_output_tokens: LIMIT } });
    expect(policy.status, policy.text).toBe(201);
    const key = await admin.post('/api/admin/keys', { name: 'capped', policy_ids: [policy.body.id] });
    expect(key.status, key.text).toBe(201);
    keyId = key.body.id;
    apiKey = key.body.key;
    client = new OpenAI({ apiKey, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    promptTokens = (await admin.post('/api/tokens/count', { model: 'm', messages })).body.tokens;
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await database?.drop();
    await redis?.clear();
    await upstream?.close();
  });

  it('cuts the stream at the limit with finish_reason "length" and the usage, and aborts the upstream', async () => {
    upstream.nextResponse(longStream(200));
    const abandonedBefore = upstream.abandoned;
    const started = Date.now();
    const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    // 200 words at 15 ms would take 3 s: the cut came long before
    expect(Date.now() - started).toBeLessThan(2500);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe(' hello'.repeat(LIMIT));
    const last = chunks.at(-1)!;
    expect(last.id).toBe('chatcmpl-up');
    expect(last.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: 'length' }]);
    expect(last.usage).toEqual({ prompt_tokens: promptTokens, completion_tokens: LIMIT, total_tokens: promptTokens + LIMIT });
    // the upstream was told to stop too: the gateway asked for at most LIMIT tokens and then hung up
    expect((upstream.requests.at(-1)!.json as { max_tokens: number }).max_tokens).toBe(LIMIT);
    await expect.poll(() => upstream.abandoned, { timeout: 2000 }).toBe(abandonedBefore + 1);
    // billed what was delivered, once
    await expect
      .poll(async () => (await admin.get(`/api/admin/usage?key_id=${keyId}`)).body.data?.find((r: { output_tokens: number }) => r.output_tokens === LIMIT), { timeout: 5000, interval: 200 })
      .toMatchObject({ status: 200, input_tokens: promptTokens, output_tokens: LIMIT, estimated: true });
  });

  it('ends with the usage chunk when the client asked for it', async () => {
    upstream.nextResponse(longStream(50, { usage: null }));
    const stream = await client.chat.completions.create({ model: 'm', messages, stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const [closing, usage] = chunks.slice(-2);
    expect(closing!.choices[0]?.finish_reason).toBe('length');
    expect(closing!.usage).toBeNull();
    expect(usage!.choices).toEqual([]);
    expect(usage!.usage?.completion_tokens).toBe(LIMIT);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(' hello'.repeat(LIMIT));
  });

  it('leaves a stream that ends under the limit as the upstream sent it', async () => {
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('mock echo: hi');
    expect(chunks.at(-1)!.choices[0]?.finish_reason).toBe('stop');
    // the usage chunk the gateway asked for on the client's behalf is not shown
    expect(chunks.every((c) => c.choices.length > 0 && !c.usage)).toBe(true);
  });

  it('caps max_tokens on non-streamed requests, keeping a smaller one the client asked for', async () => {
    const answer = await call(gateway.url, 'POST', '/v1/chat/completions', { key: apiKey, body: { model: 'm', messages, max_tokens: 500 } });
    expect(answer.status).toBe(200);
    expect((upstream.requests.at(-1)!.json as { max_tokens: number }).max_tokens).toBe(LIMIT);
    await client.chat.completions.create({ model: 'm', messages, max_tokens: 3 });
    expect((upstream.requests.at(-1)!.json as { max_tokens: number }).max_tokens).toBe(3);
    // a bad value is not passed on for a lenient upstream to misread
    await call(gateway.url, 'POST', '/v1/chat/completions', { key: apiKey, body: { model: 'm', messages, max_tokens: '100000' } });
    expect((upstream.requests.at(-1)!.json as { max_tokens: unknown }).max_tokens).toBe(LIMIT);
  });
});
