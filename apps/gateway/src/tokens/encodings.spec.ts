import { describe, expect, it } from 'vitest';
import { encodingFor, getEncoder, isReasoningModel, loadedEncodings, longRunCuts, MAX_RUN } from './encodings.js';

describe('encodingFor', () => {
  it.each([
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-2024-08-06', 'o200k_base'],
    ['gpt-4o-mini', 'o200k_base'],
    ['gpt-4o-mini-2024-07-18', 'o200k_base'],
    ['chatgpt-4o-latest', 'o200k_base'],
    ['gpt-4.1', 'o200k_base'],
    ['gpt-4.1-nano-2025-04-14', 'o200k_base'],
    ['gpt-4.5-preview', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['gpt-5-mini', 'o200k_base'],
    ['gpt-5.1', 'o200k_base'],
    ['o1', 'o200k_base'],
    ['o1-preview-2024-09-12', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['o4-mini-2025-04-16', 'o200k_base'],
    ['ft:gpt-4o-mini-2024-07-18:acme::abc123', 'o200k_base'],
    ['openai/gpt-4.1', 'o200k_base'],
    ['GPT-4o', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-0613', 'cl100k_base'],
    ['gpt-4-32k', 'cl100k_base'],
    ['gpt-4-turbo-2024-04-09', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['gpt-3.5-turbo-0125', 'cl100k_base'],
    ['gpt-35-turbo', 'cl100k_base'],
    ['text-embedding-ada-002', 'cl100k_base'],
    ['text-embedding-3-small', 'cl100k_base'],
    ['text-embedding-3-large', 'cl100k_base'],
  ])('%s -> %s', (model, encoding) => {
    expect(encodingFor(model)).toBe(encoding);
  });

  it.each(['llama-3.1-8b-instruct', 'Qwen3-8B', 'claude-sonnet-4', 'gemini-2.5-pro', 'deepseek-chat', 'gpt-oss-20b', 'o10', 'gpt-40', 'mistral-large', ''])(
    '%s -> null (estimated)',
    (model) => {
      expect(encodingFor(model)).toBeNull();
    },
  );

  it('knows which OpenAI models hide reasoning tokens', () => {
    expect(['o1', 'o3-mini', 'o4-mini', 'gpt-5', 'gpt-5-mini'].map(isReasoningModel)).toEqual([true, true, true, true, true]);
    expect(['gpt-4o', 'gpt-4.1', 'gpt-5-chat-latest', 'gpt-3.5-turbo', 'llama-3'].map(isReasoningModel)).toEqual([false, false, false, false, false]);
  });
});

describe('getEncoder', () => {
  it('loads an encoding on first use only, and keeps it', () => {
    expect(loadedEncodings()).toEqual([]);
    const encoder = getEncoder('cl100k_base');
    expect(loadedEncodings()).toEqual(['cl100k_base']);
    expect(getEncoder('cl100k_base')).toBe(encoder);
  });

  // Published examples: OpenAI's cookbook "How to count tokens with tiktoken".
  it.each([
    ['cl100k_base', 'hello world', 2],
    ['o200k_base', 'tiktoken is great!', 6],
    ['cl100k_base', 'antidisestablishmentarianism', 6],
    ['o200k_base', 'antidisestablishmentarianism', 6],
    ['cl100k_base', '2 + 2 = 4', 7],
    ['o200k_base', '2 + 2 = 4', 7],
    ['cl100k_base', 'お誕生日おめでとう', 9],
    ['o200k_base', 'お誕生日おめでとう', 8],
  ] as const)('%s counts %j as %i tokens', (encoding, text, tokens) => {
    expect(getEncoder(encoding).count(text)).toBe(tokens);
  });

  it('counts special-token strings in user text as text, never as control tokens', () => {
    const flag = { estimated: false };
    expect(getEncoder('o200k_base').count('<|endoftext|>', flag)).toBe(7);
    expect(getEncoder('cl100k_base').count('<|im_start|>user', flag)).toBeGreaterThan(2);
    expect(flag.estimated).toBe(false);
  });

  it('counts nothing as 0', () => {
    expect(getEncoder('o200k_base').count('')).toBe(0);
  });
});

describe('long runs (quadratic BPE guard)', () => {
  it('finds no cut in ordinary text, code, CJK with punctuation, or base64', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(200) + 'const x = (a, b) => a + b;\n'.repeat(100) + '人工智能网关负责鉴权、路由和限流。'.repeat(100);
    expect(longRunCuts(text)).toBeNull();
    expect(longRunCuts(Buffer.from(text).toString('base64'))).toBeNull();
  });

  it('cuts runs longer than MAX_RUN, never inside a surrogate pair', () => {
    expect(longRunCuts('a'.repeat(MAX_RUN))).toBeNull();
    expect(longRunCuts('a'.repeat(MAX_RUN * 2 + 10))).toEqual([MAX_RUN, MAX_RUN * 2]);
    const emoji = '😀'.repeat(MAX_RUN + 5); // one class (non-ASCII), two UTF-16 units each
    for (const cut of longRunCuts(emoji)!) expect(emoji.charCodeAt(cut)).toBe(0xd83d);
  });

  it('counts a 200k-character word in well under a second, marked estimated', () => {
    const flag = { estimated: false };
    const started = performance.now();
    const tokens = getEncoder('o200k_base').count('a'.repeat(200_000), flag);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(tokens).toBe(25_000); // 8 a's per token; cuts every 256 characters lose nothing here
    expect(flag.estimated).toBe(true);
  });

  it('counts a long unbroken CJK run quickly', () => {
    const flag = { estimated: false };
    const started = performance.now();
    const tokens = getEncoder('o200k_base').count('的'.repeat(50_000), flag);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(tokens).toBeGreaterThan(10_000);
    expect(flag.estimated).toBe(true);
  });
});
