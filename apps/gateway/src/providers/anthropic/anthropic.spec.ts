import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodyJson, clientRequest, preparedTarget } from '../testing/fixtures.js';
import { createAnthropicAdapter } from './anthropic.adapter.js';

const read = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const fixture = (name: string) => JSON.parse(read(name)) as Record<string, unknown>;

const adapter = createAnthropicAdapter({ now: () => 1_750_000_000_123, newId: () => 'chatcmpl-fixed' });
const chat = adapter.capabilities.chat!;
const target = preparedTarget(adapter, { basePath: '/v1', apiKey: 'sk-ant-upstream' });

describe('anthropic adapter: request', () => {
  it('authenticates with x-api-key and pins the API version', () => {
    expect(target.headers).toEqual({ 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'sk-ant-upstream' });
    const beta = adapter.headers({ basePath: '/v1', search: '', apiKey: 'k', extraHeaders: { 'anthropic-beta': 'prompt-caching-2024-07-31' }, options: {} });
    expect(beta).toEqual({ 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'prompt-caching-2024-07-31', 'x-api-key': 'k' });
  });

  it('translates a full OpenAI chat: system hoisted, images, tool calls and results, merged turns, clamps and limits', () => {
    const req = clientRequest(fixture('chat-full.request.json'), { model: 'claude-sonnet-4-20250514', renamed: true });
    const call = chat.request(req, target);
    expect({ ...call, body: bodyJson(call.body) }).toEqual({
      method: 'POST',
      path: '/v1/messages',
      headers: target.headers,
      body: fixture('chat-full.upstream.json'),
    });
  });

  it('merges consecutive same-role turns, supplies nothing it was not asked for, and forces a named tool', () => {
    const req = clientRequest(fixture('chat-minimal.request.json'));
    expect(bodyJson(chat.request(req, target).body)).toEqual(fixture('chat-minimal.upstream.json'));
  });

  it('defaults max_tokens, maps tool_choice none/auto, and keeps the instance query', () => {
    const json = { model: 'c', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: 'none' };
    const call = chat.request(clientRequest(json), { ...target, search: '?beta=true' });
    expect(call.path).toBe('/v1/messages?beta=true');
    expect(bodyJson(call.body)).toEqual({
      model: 'c',
      max_tokens: 4096,
      messages: [{ role: 'user', content: 'x' }],
      tools: [{ name: 'f', input_schema: { type: 'object', properties: {} } }],
      tool_choice: { type: 'none' },
    });
    const auto = bodyJson(chat.request(clientRequest({ ...json, tool_choice: 'auto', parallel_tool_calls: true }), target).body);
    expect(auto).toMatchObject({ tool_choice: { type: 'auto' } });
    const serial = bodyJson(chat.request(clientRequest({ ...json, tool_choice: undefined, parallel_tool_calls: false }), target).body);
    expect(serial).toMatchObject({ tool_choice: { type: 'auto', disable_parallel_tool_use: true } });
  });

  it('refuses what Anthropic cannot do, naming the field', () => {
    const refuse = (json: Record<string, unknown>) => {
      try {
        chat.request(clientRequest({ model: 'c', ...json }), target);
      } catch (e) {
        const err = e as { status: number; code: string; param: string | null; message: string };
        return { status: err.status, code: err.code, param: err.param, message: err.message };
      }
      throw new Error('expected a refusal');
    };
    expect(refuse({ messages: [{ role: 'user', content: 'x' }], n: 2 })).toEqual({
      status: 400,
      code: 'invalid_request',
      param: 'n',
      message: 'n: Anthropic models return one choice: n must be 1',
    });
    expect(refuse({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAA', format: 'wav' } }] }] })).toEqual({
      status: 400,
      code: 'invalid_request',
      param: 'messages[0].content[0].type',
      message: 'messages[0].content[0].type: content part type "input_audio" is not supported for Anthropic models here',
    });
    expect(refuse({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x/y.png' } }] }] })).toMatchObject({
      param: 'messages[0].content[0].image_url',
    });
    expect(refuse({ messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{oops' } }] }] })).toMatchObject({
      param: 'messages[0].tool_calls[0].function.arguments',
    });
    expect(refuse({ messages: [{ role: 'tool', content: 'r' }] })).toMatchObject({ param: 'messages[0].tool_call_id' });
    expect(refuse({ messages: [{ role: 'function', name: 'f', content: 'r' }] })).toMatchObject({ param: 'messages[0].role' });
    expect(refuse({ messages: [{ role: 'user', content: 5 }] })).toMatchObject({ status: 400, param: 'messages[0].content' });
    expect(refuse({ messages: [{ role: 'user', content: 'x' }], max_tokens: 'lots' })).toMatchObject({ param: 'max_tokens' });
  });
});

describe('anthropic adapter: response', () => {
  const respond = (name: string, model = 'claude-sonnet-4-20250514') => {
    const out = chat.response!(Buffer.from(read(name)), clientRequest({ model, messages: [] }));
    return { contentType: out.contentType, body: JSON.parse(out.body.toString()) as unknown };
  };

  it('joins text blocks and maps the stop reason and usage', () => {
    expect(respond('text.upstream.json')).toEqual({ contentType: 'application/json', body: fixture('text.expected.json') });
  });

  it('turns tool_use blocks into tool calls, skips thinking, counts cache tokens as prompt tokens', () => {
    expect(respond('tool-use.upstream.json')).toEqual({ contentType: 'application/json', body: fixture('tool-use.expected.json') });
  });

  it('maps every stop reason', () => {
    const reasons = ['end_turn', 'stop_sequence', 'max_tokens', 'tool_use', 'refusal', 'pause_turn', 'model_context_window_exceeded'];
    const finish = reasons.map((stop_reason) => {
      const body = { id: 'm', type: 'message', role: 'assistant', model: 'c', content: [{ type: 'text', text: 'x' }], stop_reason, usage: { input_tokens: 1, output_tokens: 1 } };
      const out = JSON.parse(chat.response!(Buffer.from(JSON.stringify(body)), clientRequest({ model: 'c' })).body.toString()) as { choices: { finish_reason: string }[] };
      return out.choices[0]!.finish_reason;
    });
    expect(finish).toEqual(['stop', 'stop', 'length', 'tool_calls', 'content_filter', 'stop', 'length']);
  });

  it('reports a 2xx body that is not a message as an upstream error', () => {
    expect(() => chat.response!(Buffer.from('<html>'), clientRequest({ model: 'c' }))).toThrow(expect.objectContaining({ status: 502, code: 'upstream_error' }));
    expect(() => chat.response!(Buffer.from('{"ok":true}'), clientRequest({ model: 'c' }))).toThrow(expect.objectContaining({ status: 502, code: 'upstream_error' }));
  });
});

describe('anthropic adapter: errors', () => {
  const map = (status: number, type: string, message: string) => {
    const e = adapter.error(status, Buffer.from(JSON.stringify({ type: 'error', error: { type, message } })), 'application/json');
    return { status: e.status, ...e.toBody().error };
  };

  it('maps each documented error type', () => {
    expect([
      map(400, 'invalid_request_error', 'messages: roles must alternate'),
      map(401, 'authentication_error', 'invalid x-api-key'),
      map(403, 'permission_error', 'Your API key does not have permission to use the specified resource.'),
      map(404, 'not_found_error', 'model: claude-9'),
      map(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.'),
      map(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'),
      map(500, 'api_error', 'An unexpected error has occurred internal to Anthropic'),
      map(529, 'overloaded_error', 'Overloaded'),
    ]).toEqual([
      { status: 400, message: 'Anthropic invalid_request_error: messages: roles must alternate', type: 'invalid_request_error', param: null, code: 'invalid_request' },
      { status: 502, message: "Upstream rejected the gateway's credentials (authentication_error): invalid x-api-key", type: 'upstream_error', param: null, code: 'upstream_auth_error' },
      {
        status: 502,
        message: "Upstream rejected the gateway's credentials (permission_error): Your API key does not have permission to use the specified resource.",
        type: 'upstream_error',
        param: null,
        code: 'upstream_auth_error',
      },
      { status: 404, message: 'Anthropic not_found_error: model: claude-9', type: 'invalid_request_error', param: 'model', code: 'model_not_found' },
      { status: 413, message: 'Anthropic request_too_large: Request exceeds the maximum allowed number of bytes.', type: 'invalid_request_error', param: null, code: 'request_too_large' },
      { status: 429, message: 'Anthropic rate_limit_error: Number of request tokens has exceeded your per-minute rate limit', type: 'rate_limit_error', param: null, code: 'upstream_rate_limited' },
      { status: 502, message: 'Anthropic api_error: An unexpected error has occurred internal to Anthropic', type: 'upstream_error', param: null, code: 'upstream_error' },
      { status: 503, message: 'Anthropic overloaded_error: Overloaded', type: 'server_error', param: null, code: 'service_unavailable' },
    ]);
  });

  it('falls back to the status for bodies that are not Anthropic errors (a proxy in between)', () => {
    const e = adapter.error(502, Buffer.from('<html>Bad Gateway</html>'), 'text/html');
    expect([e.status, e.code, e.message]).toEqual([502, 'upstream_error', 'Upstream returned 502: <html>Bad Gateway</html>']);
    const unknownType = adapter.error(418, Buffer.from(JSON.stringify({ type: 'error', error: { type: 'teapot_error', message: 'short and stout' } })), 'application/json');
    expect([unknownType.status, unknownType.code]).toEqual([418, 'invalid_request']);
  });

  it('probes GET /models under the instance path', () => {
    expect([adapter.kind, adapter.healthPath, Object.keys(adapter.capabilities)]).toEqual(['anthropic', '/models', ['chat']]);
  });
});
