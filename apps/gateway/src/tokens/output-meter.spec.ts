import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { countText } from './count-prompt.js';
import { OutputMeter } from './output-meter.js';
import { chunk, CREATED, random, randomPieces, sseData, STREAM_ID, textTranscript, usageOnly } from './testing/fixtures.js';

const ANSWER =
  "Sure! Here's a quick summary: the gateway counts tokens as they stream, and it doesn't need the upstream's help.\n\n" +
  '1. It reads each `delta.content`.\n2. It counts pieces once they are complete.\n\n```ts\nconst total = a + b;  // 1234567\n```\n';

/** Text as OpenAI streams it: one token per chunk. */
const tokenPieces = (text: string) => encode(text).map((t) => decode([t]));

function meterOver(model: string, sse: string, parsed = false): OutputMeter {
  const meter = new OutputMeter(model);
  for (const data of sseData(sse)) meter.push(parsed && data !== '[DONE]' ? (JSON.parse(data) as Record<string, unknown>) : data);
  return meter;
}

const SAMPLES = [
  ANSWER,
  "I'm sure we'll see; they've said it's OK. DON'T PANIC!!! (really?)   Spaces...\tand tabs\r\nCRLF lines\n\n\n",
  'function add(a: number, b: number): number {\n    return a + b; // 12345678901234567890\n}\n\n    indented\n',
  '人工智能网关位于应用程序与模型服务之间，负责鉴权、路由、限流和计费。流式输出时，网关逐块统计令牌数量！日本語のテキストも、ちゃんと数えます。',
  'Emoji 😀🎉👍🏽 and ÄÖÜ äöü ß, naïve café — “quotes” and ‘single’ … HTTPServer XMLHttpRequest camelCaseWords',
  '   leading spaces, trailing spaces   ',
  // Whitespace before a digit: counted alone, "\n\n  " would be one piece instead of "\n\n", " ", " ".
  '  TERMS AND CONDITIONS\n\n  0. Definitions.\n\n  "This License" refers to version 3.\n\n  1. Source Code.\n\n    2.  a  b   c\t\t d \n  e 42',
];

describe('OutputMeter', () => {
  it('counts a token-per-chunk text stream exactly, and sees [DONE]', () => {
    const meter = new OutputMeter('gpt-4o');
    const counts: number[] = [];
    for (const data of sseData(textTranscript(tokenPieces(ANSWER)))) counts.push(meter.push(data));
    expect(meter.produced()).toBe(countText('gpt-4o', ANSWER).tokens);
    expect(meter.estimated).toBe(false);
    expect(meter.done).toBe(true);
    expect(counts).toEqual([...counts].sort((a, b) => a - b)); // running, never decreasing
    expect(meter.usage()).toBeUndefined();
    expect(meter.outputTokens()).toEqual({ tokens: counts.at(-1), estimated: false, source: 'counted' });
  });

  it('equals counting the whole text, however the text is cut into chunks (both encodings)', () => {
    for (const model of ['gpt-4o', 'gpt-4']) {
      for (const [s, text] of SAMPLES.entries()) {
        const expected = countText(model, text).tokens;
        for (let seed = 1; seed <= 12; seed++) {
          const pieces = randomPieces(text, random(seed * 100 + s), seed % 3 === 0 ? 3 : 12);
          expect(meterOver(model, textTranscript(pieces, { model })).produced(), `${model} sample ${s} seed ${seed}`).toBe(expected);
        }
      }
    }
  });

  it('reads escaped content (newlines, quotes, \\u escapes) like JSON.parse does', () => {
    const meter = new OutputMeter('gpt-4o');
    meter.push(chunk({ role: 'assistant', content: '' }));
    const raw = `{"id":"${STREAM_ID}","object":"chat.completion.chunk","created":${CREATED},"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"\\u4f60\\u597d \\"quoted\\"\\n\\\\path"},"finish_reason":null}]}`;
    meter.push(raw);
    expect(meter.produced()).toBe(countText('gpt-4o', '你好 "quoted"\n\\path').tokens);
  });

  it('takes the upstream usage chunk (choices: []) and prefers it', () => {
    const meter = meterOver('gpt-4o', textTranscript(tokenPieces('Hello! How can I help you today?'), { usageNull: true, usage: [19, 10] }));
    expect(meter.produced()).toBe(9);
    expect(meter.usage()).toEqual({ prompt_tokens: 19, completion_tokens: 10, total_tokens: 29 });
    expect(meter.outputTokens()).toEqual({ tokens: 10, estimated: false, source: 'upstream' });
  });

  it('counts every choice of an n=2 stream, interleaved, and knows which are still open', () => {
    const a = tokenPieces('The first answer is short.');
    const b = tokenPieces('The second answer is a little bit longer than the first one.');
    const events = [chunk({ role: 'assistant', content: '' }, { index: 0 }), chunk({ role: 'assistant', content: '' }, { index: 1 })];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i < a.length) events.push(chunk({ content: a[i] }, { index: 0 }));
      if (i < b.length) events.push(chunk({ content: b[i] }, { index: 1 }));
    }
    events.push(chunk({}, { index: 0, finish: 'stop' }));
    const meter = new OutputMeter('gpt-4o');
    for (const e of events) meter.push(e);
    expect(meter.produced()).toBe(a.length + b.length);
    expect(meter.meta().open_choices).toEqual([1]);
  });

  it('counts tool-call names and argument deltas (parallel calls), as an estimate', () => {
    const sse = [
      chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA', type: 'function', function: { name: 'get_weather', arguments: '' } }], refusal: null }),
      ...['{"lo', 'cation', '": "P', 'aris', '"}'].map((p) => chunk({ tool_calls: [{ index: 0, function: { arguments: p } }] })),
      chunk({ tool_calls: [{ index: 1, id: 'call_ABC', type: 'function', function: { name: 'get_time', arguments: '' } }] }),
      ...['{"tz', '": "Europe/', 'Paris"}'].map((p) => chunk({ tool_calls: [{ index: 1, function: { arguments: p } }] })),
      chunk({}, { finish: 'tool_calls' }),
      '[DONE]',
    ];
    const meter = new OutputMeter('gpt-4o');
    for (const e of sse) meter.push(e);
    const expected = ['get_weather', '{"location": "Paris"}', 'get_time', '{"tz": "Europe/Paris"}'].reduce((n, s) => n + countText('gpt-4o', s).tokens, 0);
    expect(meter.produced()).toBe(expected);
    expect(meter.estimated).toBe(true);
    expect(meter.meta().open_choices).toEqual([]);
  });

  it('keeps apart parallel calls that an Ollama-style server sends all at index 0', () => {
    const meter = new OutputMeter('llama3.1');
    meter.push(chunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } }] }));
    meter.push(chunk({ tool_calls: [{ index: 0, id: 'call_2', type: 'function', function: { name: 'b', arguments: '{"y":2}' } }] }));
    const one = ['a', '{"x":1}', 'b', '{"y":2}'].reduce((n, s) => n + countText('llama3.1', s).tokens, 0);
    expect(meter.produced()).toBe(one);
  });

  it('gives the same result for raw data strings and parsed objects', () => {
    const sse = textTranscript(tokenPieces(ANSWER), { usageNull: true, usage: [30, 60] });
    const fast = meterOver('gpt-4o', sse);
    const parsed = meterOver('gpt-4o', sse, true);
    expect(parsed.produced()).toBe(fast.produced());
    expect(parsed.usage()).toEqual(fast.usage());
    expect(parsed.meta()).toEqual(fast.meta());
  });

  it("keeps the stream's identity for the closing chunks", () => {
    const meter = new OutputMeter('gpt-4o');
    meter.push(chunk({ role: 'assistant', content: '' }, { usageNull: true }));
    meter.push(chunk({ content: 'Hi' }, { usageNull: true }));
    expect(meter.meta()).toEqual({
      id: STREAM_ID,
      object: 'chat.completion.chunk',
      created: CREATED,
      model: 'gpt-4o-2024-08-06',
      system_fingerprint: 'fp_eb9dce56a8',
      usage_field: true,
      open_choices: [0],
    });
    const fresh = new OutputMeter('my-model').meta();
    expect(fresh).toMatchObject({ object: 'chat.completion.chunk', model: 'my-model', usage_field: false, open_choices: [0] });
    expect(fresh.id).toMatch(/^chatcmpl-/);
  });

  it('counts reasoning deltas, and marks reasoning models and other families estimated', () => {
    const meter = new OutputMeter('deepseek-reasoner');
    meter.push(chunk({ role: 'assistant', content: null, reasoning_content: '' }));
    meter.push(chunk({ content: null, reasoning_content: 'Let me think about this.' }));
    meter.push(chunk({ content: 'Yes.', reasoning_content: null }));
    expect(meter.produced()).toBe(countText('x', 'Let me think about this.').tokens + countText('x', 'Yes.').tokens);
    expect(meter.estimated).toBe(true);
    const o3 = meterOver('o3-mini', textTranscript(['Done.'], { model: 'o3-mini' }));
    expect(o3.estimated).toBe(true);
  });

  it('counts a legacy completions stream (choices[].text)', () => {
    const meter = new OutputMeter('gpt-3.5-turbo-instruct');
    for (const text of ['\n\n', 'This', ' is', ' a', ' test', '.']) {
      meter.push(JSON.stringify({ id: 'cmpl-1', object: 'text_completion', created: CREATED, model: 'gpt-3.5-turbo-instruct', choices: [{ text, index: 0, logprobs: null, finish_reason: null }] }));
    }
    expect(meter.produced()).toBe(countText('gpt-3.5-turbo-instruct', '\n\nThis is a test.').tokens);
    expect(meter.meta().object).toBe('text_completion');
  });

  it('ignores error events, comments and non-JSON data', () => {
    const meter = new OutputMeter('gpt-4o');
    meter.push(chunk({ content: 'Hello' }));
    expect(meter.push('{"error":{"message":"upstream failed","type":"upstream_error","param":null,"code":"upstream_error"}}')).toBe(1);
    expect(meter.push('not json')).toBe(1);
    expect(meter.push(usageOnly(5, 1))).toBe(1);
  });

  it('stays linear on an endless unbroken run, marking the count estimated', () => {
    const meter = new OutputMeter('gpt-4o');
    const started = performance.now();
    for (let i = 0; i < 2000; i++) meter.push(chunk({ content: 'aaaaaaaaaa' }));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(meter.produced()).toBeGreaterThan(2400);
    expect(meter.produced()).toBeLessThan(2600);
    expect(meter.estimated).toBe(true);
  });
});
