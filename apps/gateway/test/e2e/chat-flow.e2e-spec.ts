import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway, type GatewayProcess, type StorageMode } from '@aigw/testkit/gateway-process';
import { MockOpenAI } from '@aigw/testkit/mock-openai';

// The "done when": log in -> source -> route -> key -> the official client, stream and not,
// on both storage modes.
describe.each<StorageMode>(['postgres', 'embedded'])('chat through the gateway (%s storage)', (storage) => {
  let gateway: GatewayProcess;
  let upstream: MockOpenAI;
  let admin: AdminClient;
  let key: string;

  beforeAll(async () => {
    [gateway, upstream] = await Promise.all([startGateway({ storage }), MockOpenAI.start({ name: 'up1' })]);
    admin = await AdminClient.login(gateway.url);
    ({ key } = await admin.setupChat([upstream.url], 'team-chat', { upstreamModel: 'mock-llama' }));
  });

  afterAll(async () => {
    await gateway?.cleanup();
    await upstream?.close();
  });

  const client = () => new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });

  it('answers a non-streamed chat with the upstream content', async () => {
    const completion = await client().chat.completions.create({ model: 'team-chat', messages: [{ role: 'user', content: 'hello there' }] });
    expect(completion.choices[0]?.message.content).toBe('up1 echo: hello there');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);

    const seen = upstream.requests.at(-1)!;
    expect(seen.path).toBe('/v1/chat/completions');
    // the route renamed the model, and the gateway used its own upstream key, never the client's
    expect((seen.json as { model: string }).model).toBe('mock-llama');
    expect(seen.headers.authorization).toBe('Bearer sk-upstream-secret');
  });

  it('streams a chat chunk by chunk', async () => {
    const stream = await client().chat.completions.create({
      model: 'team-chat',
      messages: [{ role: 'user', content: 'stream me please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const pieces: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) pieces.push(chunk.choices[0].delta.content);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(pieces.join('')).toBe('up1 echo: stream me please');
    expect(pieces.length).toBeGreaterThan(3);
    expect(usage?.completion_tokens).toBe(5);
  });

  it('passes the x-request-id through and returns one on every response', async () => {
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-request-id': 'trace-abc-123' },
      body: JSON.stringify({ model: 'team-chat', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    const other = await fetch(`${gateway.url}/health`);
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists the models the key may use', async () => {
    const models = await client().models.list();
    expect(models.data.map((m) => m.id)).toEqual(['team-chat']);
    expect(models.data[0]).toMatchObject({ object: 'model', owned_by: 'aigw' });
  });

  it('reports its storage mode in /health', async () => {
    const res = await fetch(`${gateway.url}/health`);
    const body = await res.json();
    expect(body).toMatchObject({
      status: 'ok',
      database: { mode: storage === 'postgres' ? 'postgres' : 'embedded-pglite', ok: true },
      store: { mode: storage === 'postgres' ? 'redis' : 'in-process', ok: true },
    });
  });
});
