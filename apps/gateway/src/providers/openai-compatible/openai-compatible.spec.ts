import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, type Operation } from '../adapter.js';
import { bodyJson, clientRequest, preparedTarget } from '../testing/fixtures.js';
import { openAiCompatibleAdapter as adapter } from './openai-compatible.adapter.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('openai-compatible adapter: requests', () => {
  const target = preparedTarget(adapter, { basePath: '/v1', apiKey: 'sk-up', extraHeaders: { 'x-team': 'ml' } });

  it('computes the static headers once: json, the extra headers, then the Bearer key', () => {
    expect(target.headers).toEqual({ 'content-type': 'application/json', 'x-team': 'ml', authorization: 'Bearer sk-up' });
    expect(adapter.headers({ basePath: '', search: '', apiKey: undefined, extraHeaders: { authorization: 'Bearer from-headers' }, options: {} })).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer from-headers',
    });
  });

  it('serves every operation on its OpenAI path under the instance path, keeping the instance query', () => {
    const paths = Object.fromEntries(
      OPERATIONS.map((op) => [op, adapter.capabilities[op]!.request(clientRequest({ model: 'm' }, { operation: op }), { ...target, search: '?tenant=7' }).path]),
    );
    expect(paths).toEqual({
      chat: '/v1/chat/completions?tenant=7',
      completions: '/v1/completions?tenant=7',
      embeddings: '/v1/embeddings?tenant=7',
      rerank: '/v1/rerank?tenant=7',
      images_generations: '/v1/images/generations?tenant=7',
      images_edits: '/v1/images/edits?tenant=7',
      audio_speech: '/v1/audio/speech?tenant=7',
      audio_transcriptions: '/v1/audio/transcriptions?tenant=7',
    } satisfies Record<Operation, string>);
  });

  it('forwards the client bytes untouched when nothing changes (the fast path)', () => {
    const raw = Buffer.from('{"model":"m",  "messages":[{"role":"user","content":"hi"}],"x_vendor":1}');
    const req = clientRequest(JSON.parse(raw.toString()) as Record<string, unknown>, { raw });
    const call = adapter.capabilities.chat!.request(req, target);
    expect(call).toEqual({ method: 'POST', path: '/v1/chat/completions', headers: target.headers, body: raw });
    expect(call.body).toBe(raw);
  });

  it('rewrites only the model when the route renames it', () => {
    const json = fixture('chat-renamed.request.json');
    const req = clientRequest(json, { model: 'Qwen/Qwen2.5-7B-Instruct', renamed: true, stream: true });
    expect(bodyJson(adapter.capabilities.chat!.request(req, target).body)).toEqual(fixture('chat-renamed.upstream.json'));
  });

  it('streams multipart bodies through with the client content type (boundary included)', () => {
    const body = Readable.from([Buffer.from('--b\r\n...')]);
    const req = clientRequest({}, { operation: 'audio_transcriptions', raw: null, multipart: { body, contentType: 'multipart/form-data; boundary=b' } });
    const call = adapter.capabilities.audio_transcriptions!.request(req, target);
    expect(call).toEqual({
      method: 'POST',
      path: '/v1/audio/transcriptions',
      headers: { 'content-type': 'multipart/form-data; boundary=b', 'x-team': 'ml', authorization: 'Bearer sk-up' },
      body,
    });
  });

  it('passes answers and streams through (no translators) and probes /models', () => {
    for (const op of OPERATIONS) {
      expect(adapter.capabilities[op]!.response).toBeUndefined();
      expect(adapter.capabilities[op]!.stream).toBeUndefined();
    }
    expect(adapter.healthPath).toBe('/models');
    expect(adapter.kind).toBe('openai-compatible');
  });
});

describe('openai-compatible adapter: errors', () => {
  const map = (status: number, body: unknown, contentType = 'application/json') =>
    adapter.error(status, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), contentType);
  const shape = (e: ReturnType<typeof map>) => ({ status: e.status, body: e.toBody() });

  it('makes the upstream rejecting our key a 502, never the client’s 401', () => {
    expect(shape(map(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }))).toEqual({
      status: 502,
      body: { error: { message: "Upstream rejected the gateway's credentials (401): Incorrect API key provided", type: 'upstream_error', param: null, code: 'upstream_auth_error' } },
    });
    expect(map(403, { error: { message: 'Project lacks access' } }).code).toBe('upstream_auth_error');
  });

  it('keeps client mistakes with their status, message and param', () => {
    expect(shape(map(400, { error: { message: "This model's maximum context length is 8192 tokens", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } }))).toEqual({
      status: 400,
      body: { error: { message: "Upstream returned 400: This model's maximum context length is 8192 tokens", type: 'invalid_request_error', param: 'messages', code: 'invalid_request' } },
    });
    expect(shape(map(422, { detail: [{ loc: ['body', 'user'], msg: 'Extra inputs are not permitted' }] }))).toEqual({
      status: 422,
      body: { error: { message: 'Upstream returned 422: [{"loc":["body","user"],"msg":"Extra inputs are not permitted"}]', type: 'invalid_request_error', param: null, code: 'invalid_request' } },
    });
    expect(shape(map(404, { error: { message: 'The model `gpt-9` does not exist', code: 'model_not_found' } }))).toEqual({
      status: 404,
      body: { error: { message: 'Upstream returned 404: The model `gpt-9` does not exist', type: 'invalid_request_error', param: 'model', code: 'model_not_found' } },
    });
    expect(map(413, 'payload too large', 'text/plain').status).toBe(413);
  });

  it('keeps 429 retryable as 429 and 503/529 as 503', () => {
    expect(shape(map(429, { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } }))).toEqual({
      status: 429,
      body: { error: { message: 'Upstream returned 429: Rate limit reached for requests', type: 'rate_limit_error', param: null, code: 'upstream_rate_limited' } },
    });
    expect([map(503, 'busy', 'text/plain').code, map(503, 'busy', 'text/plain').status]).toEqual(['service_unavailable', 503]);
    expect([map(529, { error: 'overloaded' }).code, map(529, { error: 'overloaded' }).status]).toEqual(['service_unavailable', 503]);
  });

  it('makes other 5xx a 502 and 408/504 a 504', () => {
    expect(shape(map(500, 'upstream exploded', 'text/plain'))).toEqual({
      status: 502,
      body: { error: { message: 'Upstream returned 500: upstream exploded', type: 'upstream_error', param: null, code: 'upstream_error' } },
    });
    expect(map(502, '<html>bad gateway</html>', 'text/html').status).toBe(502);
    expect([map(504, '').code, map(504, '').message]).toEqual(['upstream_timeout', 'Upstream returned 504: no body']);
    expect(map(408, { message: 'timeout' }).status).toBe(504);
  });
});
