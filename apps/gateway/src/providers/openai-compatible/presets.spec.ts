import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { ClientRequest } from '../adapter.js';
import { bodyJson, clientRequest, preparedTarget } from '../testing/fixtures.js';
import { OPENAI_REASONING_MODEL, openAiWireAdapters } from './presets.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

function send(provider: keyof typeof openAiWireAdapters, req: ClientRequest) {
  const adapter = openAiWireAdapters[provider];
  return adapter.capabilities[req.operation]!.request(req, preparedTarget(adapter));
}

describe('OpenAI wire presets', () => {
  it('openai: reasoning models get max_completion_tokens instead of max_tokens', () => {
    const req = clientRequest(fixture('openai-reasoning-max-tokens.request.json'));
    expect(bodyJson(send('openai', req).body)).toEqual(fixture('openai-reasoning-max-tokens.upstream.json'));
  });

  it('openai: other models and other fields keep the fast path', () => {
    const req = clientRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 });
    expect(send('openai', req).body).toBe(req.raw);
    const noLimit = clientRequest({ model: 'o4-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(send('openai', noLimit).body).toBe(noLimit.raw);
    const embeddings = clientRequest({ model: 'o1', input: 'x', max_tokens: 3 }, { operation: 'embeddings' });
    expect(send('openai', embeddings).body).toBe(embeddings.raw);
  });

  it('openai: keeps a max_completion_tokens the client set and drops the deprecated field', () => {
    const req = clientRequest({ model: 'gpt-5-mini', messages: [], max_tokens: 10, max_completion_tokens: 20 });
    expect(bodyJson(send('openai', req).body)).toEqual({ model: 'gpt-5-mini', messages: [], max_completion_tokens: 20 });
  });

  it('openai: knows which model names are reasoning models', () => {
    const names = ['o1', 'o1-mini', 'o3', 'o3-mini-2025-01-31', 'o4-mini', 'gpt-5', 'gpt-5.1', 'gpt-5-nano', 'ft:o4-mini:org::abc', 'gpt-4o', 'gpt-4.1', 'o10', 'gpt-50x', 'omni'];
    expect(names.filter((n) => OPENAI_REASONING_MODEL.test(n))).toEqual(['o1', 'o1-mini', 'o3', 'o3-mini-2025-01-31', 'o4-mini', 'gpt-5', 'gpt-5.1', 'gpt-5-nano', 'ft:o4-mini:org::abc']);
  });

  it('mistral: drops user, renames seed and the limit, says any for a forced tool call', () => {
    const req = clientRequest(fixture('mistral-fields.request.json'));
    expect(bodyJson(send('mistral', req).body)).toEqual(fixture('mistral-fields.upstream.json'));
    const plain = clientRequest({ model: 'mistral-large-latest', messages: [{ role: 'user', content: 'hi' }], tool_choice: 'auto' });
    expect(send('mistral', plain).body).toBe(plain.raw);
  });

  it('groq: drops messages[].name and refuses n > 1 before sending', () => {
    expect(bodyJson(send('groq', clientRequest(fixture('groq-names.request.json'))).body)).toEqual(fixture('groq-names.upstream.json'));
    const many = () => send('groq', clientRequest({ model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'hi' }], n: 3 }));
    expect(many).toThrow(GatewayError);
    expect(() => many()).toThrow(expect.objectContaining({ status: 400, code: 'invalid_request', param: 'n', message: 'n: Groq supports only n=1' }));
    const plain = clientRequest({ model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'hi' }] });
    expect(send('groq', plain).body).toBe(plain.raw);
  });

  it('dashscope: a non-streaming chat turns thinking off unless the client chose', () => {
    expect(bodyJson(send('dashscope', clientRequest(fixture('dashscope-non-stream.request.json'))).body)).toEqual(fixture('dashscope-non-stream.upstream.json'));
    const streaming = clientRequest({ model: 'qwen3-32b', messages: [{ role: 'user', content: 'hi' }], stream: true });
    expect(send('dashscope', streaming).body).toBe(streaming.raw);
    const chosen = clientRequest({ model: 'qwen3-32b', messages: [{ role: 'user', content: 'hi' }], enable_thinking: true });
    expect(send('dashscope', chosen).body).toBe(chosen.raw);
  });

  it('applies a quirk after the route rename', () => {
    const req = clientRequest({ model: 'reasoner', messages: [], max_tokens: 9 }, { model: 'o3', renamed: true });
    expect(bodyJson(send('openai', req).body)).toEqual({ model: 'o3', messages: [], max_completion_tokens: 9 });
  });

  it('vendors without documented quirks forward the client bytes', () => {
    for (const provider of ['deepseek', 'together', 'vllm', 'ollama', 'localai', 'xinference', 'gpustack', 'lmstudio', 'llama-cpp', 'model-host'] as const) {
      const req = clientRequest({ model: 'm', messages: [{ role: 'user', content: 'hi', name: 'x' }], n: 2, user: 'u', max_tokens: 3 });
      expect(send(provider, req).body).toBe(req.raw);
    }
  });

  it('probes /models, except llama.cpp whose /health (also under /v1) reports loading', () => {
    expect(Object.fromEntries(Object.entries(openAiWireAdapters).map(([name, a]) => [name, [a.kind, a.healthPath]]))).toEqual({
      openai: ['openai', '/models'],
      deepseek: ['deepseek', '/models'],
      dashscope: ['dashscope', '/models'],
      groq: ['groq', '/models'],
      together: ['together', '/models'],
      mistral: ['mistral', '/models'],
      vllm: ['vllm', '/models'],
      ollama: ['ollama', '/models'],
      localai: ['localai', '/models'],
      xinference: ['xinference', '/models'],
      gpustack: ['gpustack', '/models'],
      lmstudio: ['lmstudio', '/models'],
      'llama-cpp': ['llama-cpp', '/health'],
      'model-host': ['model-host', '/models'],
    });
  });
});
