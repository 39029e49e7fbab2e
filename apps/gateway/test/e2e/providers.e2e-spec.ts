import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';
import { MockProvider } from '@aigw/testkit/mock-providers';

// The translating adapters, end to end: the official OpenAI client in front, native protocols behind.
describe('non-OpenAI providers through the gateway', () => {
  let gateway: GatewayProcess;
  let anthropic: MockProvider;
  let gemini: MockProvider;
  let tei: MockProvider;
  let client: OpenAI;
  let key: string;
  let admin: AdminClient;

  beforeAll(async () => {
    [gateway, anthropic, gemini, tei] = await Promise.all([startGateway({ storage: 'postgres' }), MockProvider.anthropic(), MockProvider.gemini(), MockProvider.tei()]);
    admin = await AdminClient.login(gateway.url);
    const add = async (name: string, provider: string, url: string, models: string[], upstreamModel?: string) => {
      const source = await admin.post('/api/admin/sources', { name, provider, instances: [{ url, api_key: `${name}-secret` }] });
      expect(source.status, source.text).toBe(201);
      const route = await admin.post('/api/admin/routes', { name, match: { models }, targets: [{ source_id: source.body.id, ...(upstreamModel ? { model: upstreamModel } : {}) }] });
      expect(route.status, route.text).toBe(201);
    };
    await add('claude', 'anthropic', `${anthropic.origin}/v1`, ['claude-sonnet', 'overloaded'], undefined);
    await add('gemini', 'gemini', `${gemini.origin}/v1beta`, ['gemini-flash', 'gemini-embed']);
    await add('tei', 'tei', tei.origin, ['bge-reranker', 'bge-embed']);
    key = (await admin.post('/api/admin/keys', { name: 'providers' })).body.key;
    client = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await Promise.all([anthropic?.close(), gemini?.close(), tei?.close()]);
  });

  const streamText = async (model: string, content: string) => {
    const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    let finish: string | null | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta.content ?? '';
      finish ??= chunk.choices[0]?.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    return { text, usage, finish, chunks };
  };

  it('Anthropic: chat, streamed and not, with system prompt hoisted and max_tokens supplied', async () => {
    const completion = await client.chat.completions.create({
      model: 'claude-sonnet',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hello there' },
      ],
    });
    expect(completion.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'claude says: hello there' }, finish_reason: 'stop' });
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 4, total_tokens: 15 });
    const sent = anthropic.requests.at(-1)!;
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe('claude-secret');
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.json).toMatchObject({ model: 'claude-sonnet', system: 'be brief', max_tokens: expect.any(Number), messages: [{ role: 'user' }] });

    const streamed = await streamText('claude-sonnet', 'stream this');
    expect(streamed.text).toBe('claude says: stream this');
    expect(streamed.finish).toBe('stop');
    expect(streamed.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 4 });
    expect(streamed.chunks).toBeGreaterThan(4);
  });

  it('sends a translated answer, whole or streamed, with its own headers and the key\'s rate-limit headers', async () => {
    const limited = (await admin.post('/api/admin/keys', { name: 'limited', limits: { requests_per_minute: 500 } })).body.key as string;
    const ask = (stream: boolean) =>
      fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${limited}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'claude-sonnet', messages: [{ role: 'user', content: 'headers' }], stream }),
      });
    const whole = await ask(false);
    const body = await whole.text();
    expect(whole.status, body).toBe(200);
    expect(whole.headers.get('content-type')).toContain('application/json');
    expect(Number(whole.headers.get('content-length'))).toBe(Buffer.byteLength(body));
    expect(JSON.parse(body).choices[0].message.content).toBe('claude says: headers');
    const streamed = await ask(true);
    const events = await streamed.text();
    expect(streamed.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(streamed.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(events).toContain('data: [DONE]');
    for (const res of [whole, streamed]) {
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('x-ratelimit-limit-requests')).toBe('500');
      expect(res.headers.get('ratelimit-policy')).toBe('rpm;q=500;w=60');
    }
  });

  it('Anthropic: an overloaded upstream (529) becomes a 503', async () => {
    const res = await call(gateway.url, 'POST', '/v1/chat/completions', { key, body: { model: 'overloaded', messages: [{ role: 'user', content: 'x' }] } });
    expect(res.status).toBe(503);
    expect(res.body.error.type).toBe('server_error');
  });

  it('Gemini: chat streamed and not, and embeddings', async () => {
    const completion = await client.chat.completions.create({ model: 'gemini-flash', messages: [{ role: 'user', content: 'hi gemini' }] });
    expect(completion.choices[0]?.message.content).toBe('gemini says: hi gemini');
    expect(gemini.requests.at(-1)?.headers['x-goog-api-key']).toBe('gemini-secret');
    const streamed = await streamText('gemini-flash', 'stream please');
    expect(streamed.text).toBe('gemini says: stream please');
    expect(streamed.usage?.total_tokens).toBe(7 + 4);
    expect(gemini.requests.at(-1)?.path).toMatch(/:streamGenerateContent\?alt=sse$/);

    const embeddings = await client.embeddings.create({ model: 'gemini-embed', input: ['abc', 'hello'] });
    expect(embeddings.data.map((d) => d.embedding)).toEqual([
      [3, 0.5, -0.25],
      [5, 0.5, -0.25],
    ]);
  });

  it('TEI: rerank translated both ways, top_n applied by the gateway; embeddings as base64 by default', async () => {
    const res = await call(gateway.url, 'POST', '/v1/rerank', {
      key,
      body: { model: 'bge-reranker', query: 'red apple', documents: ['green pear', 'red apple pie', 'red car'], top_n: 2, return_documents: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { index: 1, relevance_score: 1, document: { text: 'red apple pie' } },
      { index: 2, relevance_score: 0.5, document: { text: 'red car' } },
    ]);
    expect(tei.requests.at(-1)?.json).toMatchObject({ query: 'red apple', texts: ['green pear', 'red apple pie', 'red car'] });
    const embedded = await client.embeddings.create({ model: 'bge-embed', input: 'four' });
    expect(embedded.data[0]?.embedding).toEqual([4, 1, 0]);
  });

  it('answers an endpoint a provider cannot serve with 400 unsupported_endpoint', async () => {
    const res = await call(gateway.url, 'POST', '/v1/embeddings', { key, body: { model: 'claude-sonnet', input: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(openAiError('unsupported_endpoint', 'invalid_request_error'));
  });
});
