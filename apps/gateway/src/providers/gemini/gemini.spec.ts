import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodyJson, clientRequest, preparedTarget } from '../testing/fixtures.js';
import { createGeminiAdapter } from './gemini.adapter.js';

const read = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const fixture = (name: string) => JSON.parse(read(name)) as Record<string, unknown>;

function counter(prefix: string) {
  let n = 0;
  return () => `${prefix}${++n}`;
}
const makeAdapter = () => createGeminiAdapter({ now: () => 1_750_000_000_500, newId: counter('chatcmpl-'), newCallId: counter('call_') });
const adapter = makeAdapter();
const target = preparedTarget(adapter, { basePath: '/v1beta', apiKey: 'AIza-upstream' });

describe('gemini adapter: request', () => {
  it('sends the key in x-goog-api-key', () => {
    expect(target.headers).toEqual({ 'content-type': 'application/json', 'x-goog-api-key': 'AIza-upstream' });
  });

  it('calls generateContent, or streamGenerateContent with alt=sse, on the upstream model', () => {
    const json = { model: 'g', messages: [{ role: 'user', content: 'hi' }] };
    expect(adapter.capabilities.chat!.request(clientRequest(json, { model: 'gemini-2.5-flash' }), target).path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(adapter.capabilities.chat!.request(clientRequest({ ...json, stream: true }, { model: 'gemini-2.5-flash' }), target).path).toBe(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
    expect(adapter.capabilities.chat!.request(clientRequest({ ...json, stream: true }, { model: 'tunedModels/my-tune' }), { ...target, search: '?trace=1' }).path).toBe(
      '/v1beta/tunedModels/my-tune:streamGenerateContent?trace=1&alt=sse',
    );
  });

  it('translates a full OpenAI chat: system instruction, inline image, function calls with signatures, function responses, config, tools', () => {
    const call = adapter.capabilities.chat!.request(clientRequest(fixture('chat-full.request.json'), { model: 'gemini-2.5-flash', renamed: true }), target);
    expect({ ...call, body: bodyJson(call.body) }).toEqual({
      method: 'POST',
      path: '/v1beta/models/gemini-2.5-flash:generateContent',
      headers: target.headers,
      body: fixture('chat-full.upstream.json'),
    });
  });

  it('gives a history Gemini did not write the documented placeholder signature, and wraps non-object tool results', () => {
    const call = adapter.capabilities.chat!.request(clientRequest(fixture('foreign-history.request.json')), target);
    expect(bodyJson(call.body)).toEqual(fixture('foreign-history.upstream.json'));
  });

  it('maps tool_choice auto/none/required', () => {
    const config = (tool_choice: string) =>
      (bodyJson(adapter.capabilities.chat!.request(clientRequest({ model: 'g', messages: [{ role: 'user', content: 'x' }], tool_choice }), target).body) as { toolConfig: unknown })
        .toolConfig;
    expect(['auto', 'none', 'required'].map(config)).toEqual([
      { functionCallingConfig: { mode: 'AUTO' } },
      { functionCallingConfig: { mode: 'NONE' } },
      { functionCallingConfig: { mode: 'ANY' } },
    ]);
  });

  it('refuses what it cannot translate, naming the field', () => {
    const refuse = (messages: unknown[]) => {
      try {
        adapter.capabilities.chat!.request(clientRequest({ model: 'g', messages }), target);
      } catch (e) {
        const err = e as { status: number; code: string; param: string | null; message: string };
        return { status: err.status, code: err.code, param: err.param, message: err.message };
      }
      throw new Error('expected a refusal');
    };
    expect(refuse([{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }])).toEqual({
      status: 400,
      code: 'invalid_request',
      param: 'messages[0].content[0].image_url',
      message: 'messages[0].content[0].image_url: Gemini takes images inline here: send a base64 data: URL',
    });
    expect(refuse([{ role: 'tool', tool_call_id: 'nobody', content: 'x' }])).toEqual({
      status: 400,
      code: 'invalid_request',
      param: 'messages[0].tool_call_id',
      message: 'messages[0].tool_call_id: a tool message must answer a tool call of an earlier assistant message',
    });
    expect(refuse([{ role: 'assistant', tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '[1]' } }] }])).toMatchObject({
      param: 'messages[0].tool_calls[0].function.arguments',
    });
    expect(refuse([{ role: 'critic', content: 'x' }])).toMatchObject({ param: 'messages[0].role' });
  });
});

describe('gemini adapter: response', () => {
  const respond = (name: string) => {
    const out = makeAdapter().capabilities.chat!.response!(Buffer.from(read(name)), clientRequest({ model: 'gemini-2.5-flash', messages: [] }));
    return { contentType: out.contentType, body: JSON.parse(out.body.toString()) as unknown };
  };

  it('joins text parts per candidate (thoughts left out), maps finish reasons and usage', () => {
    expect(respond('text.upstream.json')).toEqual({ contentType: 'application/json', body: fixture('text.expected.json') });
  });

  it('turns function calls into tool calls, with ids and the thought signature to send back', () => {
    expect(respond('function-call.upstream.json')).toEqual({ contentType: 'application/json', body: fixture('function-call.expected.json') });
  });

  it('answers a blocked prompt with one content_filter choice', () => {
    expect(respond('blocked.upstream.json')).toEqual({ contentType: 'application/json', body: fixture('blocked.expected.json') });
  });

  it('maps the finish reasons of API-CONTRACT.md', () => {
    const reasons = ['STOP', 'MAX_TOKENS', 'SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'OTHER', 'MALFORMED_FUNCTION_CALL'];
    const body = { candidates: reasons.map((finishReason, index) => ({ index, finishReason, content: { parts: [{ text: 'x' }], role: 'model' } })) };
    const out = JSON.parse(adapter.capabilities.chat!.response!(Buffer.from(JSON.stringify(body)), clientRequest({ model: 'g' })).body.toString()) as {
      choices: { finish_reason: string }[];
    };
    expect(out.choices.map((c) => c.finish_reason)).toEqual(['stop', 'length', 'content_filter', 'content_filter', 'content_filter', 'content_filter', 'content_filter', 'content_filter', 'stop']);
  });
});

describe('gemini adapter: embeddings', () => {
  const embeddings = adapter.capabilities.embeddings!;

  it('batches the inputs into batchEmbedContents', () => {
    const call = embeddings.request(clientRequest(fixture('embed-request.request.json'), { operation: 'embeddings' }), target);
    expect({ ...call, body: bodyJson(call.body) }).toEqual({
      method: 'POST',
      path: '/v1beta/models/text-embedding-004:batchEmbedContents',
      headers: target.headers,
      body: fixture('embed-request.upstream.json'),
    });
  });

  it('answers OpenAI floats, or little-endian float32 base64 when asked', () => {
    const answer = (encoding_format?: string) =>
      JSON.parse(
        embeddings
          .response!(Buffer.from(read('embed-response.upstream.json')), clientRequest({ model: 'text-embedding-004', input: ['a', 'b'], encoding_format }, { operation: 'embeddings' }))
          .body.toString(),
      ) as unknown;
    expect(answer()).toEqual(fixture('embed-response.expected.json'));
    expect(answer('base64')).toEqual(fixture('embed-response-base64.expected.json'));
    const decoded = Buffer.from((answer('base64') as { data: { embedding: string }[] }).data[1]!.embedding, 'base64');
    expect([decoded.readFloatLE(0), decoded.readFloatLE(4), decoded.readFloatLE(8)]).toEqual([0, Math.fround(0.1), -2.5]);
  });

  it('refuses token-id input and bad dimensions', () => {
    const refuse = (json: Record<string, unknown>) => () => embeddings.request(clientRequest({ model: 'e', ...json }, { operation: 'embeddings' }), target);
    expect(refuse({ input: [[1, 2, 3]] })).toThrow(expect.objectContaining({ status: 400, param: 'input' }));
    expect(refuse({ input: [] })).toThrow(expect.objectContaining({ status: 400, param: 'input' }));
    expect(refuse({ input: 'x', dimensions: 0 })).toThrow(expect.objectContaining({ status: 400, param: 'dimensions' }));
  });
});

describe('gemini adapter: errors', () => {
  const map = (status: number, error: Record<string, unknown>) => {
    const e = adapter.error(status, Buffer.from(JSON.stringify({ error })), 'application/json; charset=UTF-8');
    return { status: e.status, ...e.toBody().error };
  };

  it('maps the canonical statuses', () => {
    expect([
      map(400, { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' }),
      map(401, { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' }),
      map(403, { code: 403, message: 'Method doesn’t allow unregistered callers.', status: 'PERMISSION_DENIED' }),
      map(404, { code: 404, message: 'models/gemini-9 is not found for API version v1beta', status: 'NOT_FOUND' }),
      map(429, { code: 429, message: 'You exceeded your current quota.', status: 'RESOURCE_EXHAUSTED' }),
      map(503, { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' }),
      map(500, { code: 500, message: 'An internal error has occurred.', status: 'INTERNAL' }),
      map(400, { code: 400, message: 'User location is not supported for the API use.', status: 'FAILED_PRECONDITION' }),
      map(504, { code: 504, message: 'Deadline expired before operation could complete.', status: 'DEADLINE_EXCEEDED' }),
    ]).toEqual([
      { status: 400, message: 'Gemini INVALID_ARGUMENT: Invalid JSON payload received.', type: 'invalid_request_error', param: null, code: 'invalid_request' },
      { status: 502, message: "Upstream rejected the gateway's credentials (UNAUTHENTICATED): Request had invalid authentication credentials.", type: 'upstream_error', param: null, code: 'upstream_auth_error' },
      { status: 502, message: "Upstream rejected the gateway's credentials (PERMISSION_DENIED): Method doesn’t allow unregistered callers.", type: 'upstream_error', param: null, code: 'upstream_auth_error' },
      { status: 404, message: 'Gemini NOT_FOUND: models/gemini-9 is not found for API version v1beta', type: 'invalid_request_error', param: 'model', code: 'model_not_found' },
      { status: 429, message: 'Gemini RESOURCE_EXHAUSTED: You exceeded your current quota.', type: 'rate_limit_error', param: null, code: 'upstream_rate_limited' },
      { status: 503, message: 'Gemini UNAVAILABLE: The model is overloaded. Please try again later.', type: 'server_error', param: null, code: 'service_unavailable' },
      { status: 502, message: 'Gemini INTERNAL: An internal error has occurred.', type: 'upstream_error', param: null, code: 'upstream_error' },
      { status: 502, message: 'Gemini FAILED_PRECONDITION: User location is not supported for the API use.', type: 'upstream_error', param: null, code: 'upstream_error' },
      { status: 504, message: 'Gemini DEADLINE_EXCEEDED: Deadline expired before operation could complete.', type: 'upstream_error', param: null, code: 'upstream_timeout' },
    ]);
  });

  it('treats a 400 for a bad API key as the gateway’s credential problem', () => {
    const badKey = map(400, {
      code: 400,
      message: 'API key not valid. Please pass a valid API key.',
      status: 'INVALID_ARGUMENT',
      details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
    });
    expect(badKey).toEqual({
      status: 502,
      message: "Upstream rejected the gateway's credentials (INVALID_ARGUMENT): API key not valid. Please pass a valid API key.",
      type: 'upstream_error',
      param: null,
      code: 'upstream_auth_error',
    });
  });

  it('reads the array form and falls back to the status for other bodies', () => {
    const arrayForm = adapter.error(429, Buffer.from(JSON.stringify([{ error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } }])), 'application/json');
    expect([arrayForm.status, arrayForm.code]).toEqual([429, 'upstream_rate_limited']);
    const html = adapter.error(502, Buffer.from('<html>502</html>'), 'text/html');
    expect([html.status, html.code]).toEqual([502, 'upstream_error']);
  });

  it('serves chat and embeddings and probes /models', () => {
    expect([adapter.kind, adapter.healthPath, Object.keys(adapter.capabilities)]).toEqual(['gemini', '/models', ['chat', 'embeddings']]);
  });
});
