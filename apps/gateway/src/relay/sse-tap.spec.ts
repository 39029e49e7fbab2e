import { describe, expect, it } from 'vitest';
import { SseTap } from './sse-tap.js';

const chunk = (content: string) => `data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"${content}"}}],"usage":null}\n\n`;
const usageChunk = 'data: {"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":3,"total_tokens":10}}\n\n';
const stream = chunk('Hel') + chunk('lo') + usageChunk + 'data: [DONE]\n\n';

const run = (tap: SseTap, text: string, size: number) => {
  const out: Buffer[] = [];
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) out.push(tap.push(bytes.subarray(i, i + size)));
  out.push(tap.end());
  return Buffer.concat(out).toString();
};

describe('SseTap', () => {
  it('passes the stream through unchanged and captures the usage, however it is split', () => {
    for (const size of [1, 7, 50, 10_000]) {
      const tap = new SseTap(false);
      expect(run(tap, stream, size)).toBe(stream);
      expect(tap.usage).toEqual({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
      expect(tap.events).toBe(4);
    }
  });

  it('removes the usage-only chunk the gateway asked for, and nothing else', () => {
    for (const size of [3, 64, 10_000]) {
      const tap = new SseTap(true);
      expect(run(tap, stream, size)).toBe(chunk('Hel') + chunk('lo') + 'data: [DONE]\n\n');
      expect(tap.usage?.total_tokens).toBe(10);
    }
  });

  it('handles CRLF framing and a stream without usage', () => {
    const crlf = stream.replaceAll('\n\n', '\r\n\r\n');
    const tap = new SseTap(true);
    expect(run(tap, crlf, 5)).toBe((chunk('Hel') + chunk('lo') + 'data: [DONE]\n\n').replaceAll('\n\n', '\r\n\r\n'));
    const none = new SseTap(false);
    run(none, chunk('a') + 'data: [DONE]\n\n', 4);
    expect(none.usage).toBeUndefined();
  });
});

describe('SseTap with an output limit', () => {
  const hello = 'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":" hello"},"finish_reason":null}]}\n\n';
  const limit = (tokens: number, clientAskedUsage = false) => ({ tokens, model: 'gpt-4o', inputTokens: () => 7, clientAskedUsage });
  const events = (text: string) => text.split('\n\n').filter(Boolean).map((e) => e.slice('data: '.length));

  it('cuts at the limit wherever the reads split, closing the choice and carrying the usage', () => {
    for (const size of [1, 13, 100, 100_000]) {
      const tap = new SseTap(true, limit(3));
      const out = events(run(tap, hello.repeat(8) + 'data: [DONE]\n\n', size));
      expect(tap.cut).toBe(true);
      expect(tap.produced()).toBe(3);
      expect(out.slice(0, 3)).toEqual(events(hello.repeat(3)));
      expect(JSON.parse(out[3]!)).toEqual({
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'gpt-4o',
        choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'length' }],
        usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 },
      });
      expect(out.slice(4)).toEqual(['[DONE]']);
    }
  });

  it('sends the usage as its own chunk when the client asked for it', () => {
    const tap = new SseTap(false, limit(2, true));
    const out = events(run(tap, hello.repeat(5), 1000));
    expect(out).toHaveLength(5);
    expect(JSON.parse(out[3]!)).toMatchObject({ choices: [], usage: { completion_tokens: 2 } });
  });

  it('lets a stream that stays within the limit through unchanged', () => {
    const tap = new SseTap(false, limit(3));
    const text = hello.repeat(3) + 'data: [DONE]\n\n';
    expect(run(tap, text, 7)).toBe(text);
    expect(tap.cut).toBe(false);
    expect(tap.produced()).toBe(3);
  });
});
