import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientRequest, parseEmitted, parseSseTranscript, runStream } from '../testing/fixtures.js';
import { createAnthropicAdapter } from './anthropic.adapter.js';

const read = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

const adapter = createAnthropicAdapter({ now: () => 1_750_000_000_999, newId: () => 'chatcmpl-fixed' });
const translator = (includeUsage: boolean) =>
  adapter.capabilities.chat!.stream!(
    clientRequest({ model: 'claude-sonnet-4-20250514', messages: [], stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) }),
  );

describe('anthropic stream translator', () => {
  it('streams text: role chunk, content deltas, finish, then the usage chunk and [DONE] (pings ignored)', () => {
    const t = translator(true);
    const emitted = runStream(t, parseSseTranscript(read('text.sse')));
    expect(parseEmitted(emitted)).toEqual(JSON.parse(read('text.stream.expected.json')));
    expect(t.usage()).toEqual({ prompt_tokens: 35, completion_tokens: 15, total_tokens: 50 });
  });

  it('streams tool calls with arguments growing over chunks, one index per call; no usage chunk unless asked', () => {
    const t = translator(false);
    const emitted = runStream(t, parseSseTranscript(read('tool-call.sse')));
    expect(parseEmitted(emitted)).toEqual(JSON.parse(read('tool-call.stream.expected.json')));
    // message_delta usage is cumulative: 89 output tokens, not 2 + 89; input not doubled either.
    expect(t.usage()).toEqual({ prompt_tokens: 472, completion_tokens: 89, total_tokens: 561 });
  });

  it('turns a mid-stream error event into one error event and [DONE], then stays silent', () => {
    const t = translator(false);
    const emitted = runStream(t, parseSseTranscript(read('error.sse')));
    expect(parseEmitted(emitted)).toEqual(JSON.parse(read('error.stream.expected.json')));
    expect(t.end()).toBe('');
  });

  it('never ends silently: a stream cut before message_stop ends with an error event', () => {
    const emitted = runStream(translator(false), parseSseTranscript(read('cut.sse')));
    expect(parseEmitted(emitted)).toEqual(JSON.parse(read('cut.stream.expected.json')));
  });

  it('ends normally when only message_stop is missing after the finish reason', () => {
    const events = parseSseTranscript(read('text.sse')).filter((e) => e.event !== 'message_stop');
    const t = translator(true);
    const out = parseEmitted(runStream(t, events));
    expect(out.slice(-2)).toEqual([
      {
        id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
        object: 'chat.completion.chunk',
        created: 1750000000,
        model: 'claude-sonnet-4-20250514',
        choices: [],
        usage: { prompt_tokens: 35, completion_tokens: 15, total_tokens: 50, prompt_tokens_details: { cached_tokens: 10 } },
      },
      '[DONE]',
    ]);
  });

  it('emits each event as it comes, with exact SSE framing', () => {
    const t = translator(false);
    const [start, block, ping, delta] = parseSseTranscript(read('text.sse'));
    expect(t.push(start!)).toBe(
      'data: {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","object":"chat.completion.chunk","created":1750000000,"model":"claude-sonnet-4-20250514","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n',
    );
    expect(t.push(block!)).toBe('');
    expect(t.push(ping!)).toBe('');
    expect(t.push(delta!)).toContain('"delta":{"content":"Hello"}');
    expect(t.push({ data: 'not json' })).toBe('');
    expect(t.push({ event: 'message_stop', data: '{"type":"message_stop"}' })).toBe('data: [DONE]\n\n');
    expect(t.end()).toBe('');
  });
});
