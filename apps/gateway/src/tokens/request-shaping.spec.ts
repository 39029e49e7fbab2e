import { describe, expect, it } from 'vitest';
import { capMaxTokens, injectIncludeUsage, preferredMaxTokensField } from './request-shaping.js';

const messages = [{ role: 'user', content: 'hi' }];

describe('injectIncludeUsage', () => {
  it('asks for the usage chunk when a streaming client did not, without touching the input', () => {
    const body = { model: 'llama3', messages, stream: true };
    const { json, injected } = injectIncludeUsage(body);
    expect(injected).toBe(true);
    expect(json).toEqual({ model: 'llama3', messages, stream: true, stream_options: { include_usage: true } });
    expect(body).toEqual({ model: 'llama3', messages, stream: true });
  });

  it('keeps other stream_options, and overrides an explicit include_usage: false', () => {
    expect(injectIncludeUsage({ model: 'm', messages, stream: true, stream_options: { include_obfuscation: false } })).toEqual({
      json: { model: 'm', messages, stream: true, stream_options: { include_obfuscation: false, include_usage: true } },
      injected: true,
    });
    expect(injectIncludeUsage({ model: 'm', messages, stream: true, stream_options: { include_usage: false } }).injected).toBe(true);
  });

  it('changes nothing when the client asked itself, or does not stream', () => {
    const asked = { model: 'm', messages, stream: true, stream_options: { include_usage: true } };
    expect(injectIncludeUsage(asked)).toEqual({ json: asked, injected: false });
    expect(injectIncludeUsage(asked).json).toBe(asked);
    const plain = { model: 'm', messages };
    expect(injectIncludeUsage(plain)).toEqual({ json: plain, injected: false });
    expect(injectIncludeUsage({ ...plain, stream: false }).injected).toBe(false);
  });
});

describe('capMaxTokens', () => {
  it('lowers the field the client used, and only that one', () => {
    expect(capMaxTokens({ model: 'llama3', messages, max_tokens: 4000 }, 500)).toEqual({ json: { model: 'llama3', messages, max_tokens: 500 }, changed: true });
    expect(capMaxTokens({ model: 'o3-mini', messages, max_completion_tokens: 9000 }, 1000)).toEqual({
      json: { model: 'o3-mini', messages, max_completion_tokens: 1000 },
      changed: true,
    });
  });

  it('leaves a smaller client value alone', () => {
    const body = { model: 'gpt-4o', messages, max_completion_tokens: 100 };
    expect(capMaxTokens(body, 500)).toEqual({ json: body, changed: false });
    expect(capMaxTokens(body, 500).json).toBe(body);
  });

  it('caps both fields when a client sent both', () => {
    expect(capMaxTokens({ model: 'gpt-4o', max_tokens: 900, max_completion_tokens: 50 }, 100).json).toEqual({ model: 'gpt-4o', max_tokens: 100, max_completion_tokens: 50 });
  });

  it("adds the model's preferred field when the client set none", () => {
    expect(capMaxTokens({ model: 'gpt-5', messages }, 256).json).toEqual({ model: 'gpt-5', messages, max_completion_tokens: 256 });
    expect(capMaxTokens({ model: 'o4-mini', messages, max_tokens: null }, 256).json).toMatchObject({ max_completion_tokens: 256 });
    expect(capMaxTokens({ model: 'Qwen3-8B', messages }, 256).json).toEqual({ model: 'Qwen3-8B', messages, max_tokens: 256 });
    // After a route rename, the upstream model decides.
    expect(capMaxTokens({ model: 'my-alias', messages }, 256, 'gpt-4.1').json).toMatchObject({ max_completion_tokens: 256 });
  });

  it('replaces values that are not positive numbers (a lenient upstream must not read "100000")', () => {
    expect(capMaxTokens({ model: 'llama3', max_tokens: '100000' }, 300).json).toEqual({ model: 'llama3', max_tokens: 300 });
    expect(capMaxTokens({ model: 'llama3', max_tokens: -1 }, 300).json).toEqual({ model: 'llama3', max_tokens: 300 });
  });

  it('knows which field each family prefers', () => {
    expect(['gpt-4o', 'o1', 'gpt-5-mini', 'gpt-4'].map(preferredMaxTokensField)).toEqual(['max_completion_tokens', 'max_completion_tokens', 'max_completion_tokens', 'max_completion_tokens']);
    expect(['llama3.1', 'claude-sonnet-4', 'deepseek-chat'].map(preferredMaxTokensField)).toEqual(['max_tokens', 'max_tokens', 'max_tokens']);
  });
});
