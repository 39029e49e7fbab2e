import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';
import { MockOpenAI, mockEmbedding, mockSpeech } from '@aigw/testkit/mock-openai';

const checksum = (bytes: Buffer) => bytes.reduce((acc, b) => (acc * 31 + b) >>> 0, 7);

// Every OpenAI endpoint of the data plane, through the official client where it has a method.
describe('every OpenAI endpoint through the gateway', () => {
  let gateway: GatewayProcess;
  let upstream: MockOpenAI;
  let client: OpenAI;
  let key: string;
  let admin: AdminClient;

  beforeAll(async () => {
    [gateway, upstream] = await Promise.all([startGateway({ storage: 'postgres' }), MockOpenAI.start({ name: 'up' })]);
    admin = await AdminClient.login(gateway.url);
    const source = await admin.post('/api/admin/sources', { name: 'all-in-one', instances: [{ url: upstream.url, api_key: 'sk-up' }] });
    const models = ['text-model', 'embed-model', 'rerank-model', 'image-model', 'tts-model', 'stt-model'];
    await admin.post('/api/admin/routes', { name: 'all', match: { models }, targets: [{ source_id: source.body.id }] });
    key = (await admin.post('/api/admin/keys', { name: 'endpoints' })).body.key;
    client = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await upstream?.close();
  });

  it('completions', async () => {
    const res = await client.completions.create({ model: 'text-model', prompt: 'Once upon' });
    expect(res.choices[0]?.text).toBe('up completes: Once upon');
    expect(upstream.requests.at(-1)?.path).toBe('/v1/completions');
  });

  it('embeddings, as floats and as the base64 the SDK asks for by default', async () => {
    const floats = await client.embeddings.create({ model: 'embed-model', input: ['alpha', 'beta'], encoding_format: 'float' });
    expect(floats.data.map((d) => d.embedding)).toEqual([mockEmbedding('alpha'), mockEmbedding('beta')]);
    const decoded = await client.embeddings.create({ model: 'embed-model', input: 'alpha' });
    expect((upstream.requests.at(-1)?.json as { encoding_format: string }).encoding_format).toBe('base64');
    expect(decoded.data[0]?.embedding).toEqual(mockEmbedding('alpha'));
  });

  it('rerank at /v1/rerank and /rerank', async () => {
    const body = { model: 'rerank-model', query: 'red apple', documents: ['a green pear', 'a red apple', 'red wine'], top_n: 2 };
    for (const path of ['/v1/rerank', '/rerank']) {
      const res = await call(gateway.url, 'POST', path, { key, body });
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: { index: number }) => r.index)).toEqual([1, 2]);
    }
  });

  it('image generation', async () => {
    const res = await client.images.generate({ model: 'image-model', prompt: 'a lighthouse' });
    expect(Buffer.from(res.data![0]!.b64_json!, 'base64').toString()).toBe('image of a lighthouse');
  });

  it('image edits: a multipart upload streamed through byte for byte, file before model', async () => {
    const image = Buffer.alloc(3 * 1024 * 1024, 7); // larger than what the gateway keeps in memory while finding the model
    const res = await client.images.edit({ model: 'image-model', image: await toFile(image, 'in.png', { type: 'image/png' }), prompt: 'make it blue' });
    const summary = JSON.parse(Buffer.from(res.data![0]!.b64_json!, 'base64').toString());
    const received = upstream.requests.at(-1)!;
    expect(received.path).toBe('/v1/images/edits');
    expect(summary).toMatchObject({ model: 'image-model', multipart: true, bytes: received.raw.length });
    expect(received.raw.length).toBeGreaterThan(image.length);
    expect(received.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    // the image bytes arrived unchanged inside the form
    expect(received.raw.includes(image)).toBe(true);
    expect(summary.checksum).toBe(checksum(received.raw));
  });

  it('speech: binary audio streamed back', async () => {
    const res = await client.audio.speech.create({ model: 'tts-model', voice: 'alloy', input: 'hello world' });
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(mockSpeech('hello world'))).toBe(true);
  });

  it('transcriptions: multipart with the model after the file', async () => {
    const audio = Buffer.from('RIFF fake wav data '.repeat(1000));
    const res = await client.audio.transcriptions.create({ file: await toFile(audio, 'a.wav', { type: 'audio/wav' }), model: 'stt-model' });
    const summary = JSON.parse(res.text);
    expect(summary).toMatchObject({ model: 'stt-model', multipart: true });
    expect(upstream.requests.at(-1)?.raw.includes(audio)).toBe(true);
  });

  it('refuses a multipart endpoint without a model, and a JSON endpoint given a form', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('x')]), 'a.wav');
    const noModel = await fetch(`${gateway.url}/v1/audio/transcriptions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    expect(noModel.status).toBe(400);
    expect(await noModel.json()).toEqual(openAiError('invalid_request', 'invalid_request_error', 'model'));
    const formToJson = await fetch(`${gateway.url}/v1/embeddings`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    expect(formToJson.status).toBe(415);
  });

  it('answers an endpoint the source does not serve with 400 unsupported_endpoint', async () => {
    const source = await admin.post('/api/admin/sources', { name: 'chat-only', capabilities: ['chat'], instances: [{ url: upstream.url }] });
    await admin.post('/api/admin/routes', { name: 'chat-only', match: { models: ['chatty'] }, targets: [{ source_id: source.body.id }] });
    const res = await call(gateway.url, 'POST', '/v1/embeddings', { key, body: { model: 'chatty', input: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(openAiError('unsupported_endpoint', 'invalid_request_error'));
  });
});
