import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientRequest, parseEmitted, parseSseTranscript, runStream } from '../testing/fixtures.js';
import { createGeminiAdapter } from './gemini.adapter.js';

const read = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function translator(includeUsage: boolean) {
  let calls = 0;
  const adapter = createGeminiAdapter({ now: () => 1_750_000_000_000, newId: () => 'chatcmpl-generated', newCallId: () => `call_${++calls}` });
  const json = { model: 'gemini-2.5-flash', messages: [], stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) };
  return adapter.capabilities.chat!.stream!(clientRequest(json));
}

const run = (name: string, includeUsage: boolean) => {
  const t = translator(includeUsage);
  return { t, out: parseEmitted(runStream(t, parseSseTranscript(read(`${name}.sse`)))) };
};

describe('gemini stream translator', () => {
  it('turns multi-part text events into content deltas (thoughts left out), then finish, usage and [DONE]', () => {
    const { t, out } = run('text', true);
    expect(out).toEqual(JSON.parse(read('text.stream.expected.json')));
    expect(t.usage()).toEqual({ prompt_tokens: 8, completion_tokens: 37, total_tokens: 45 });
  });

  it('emits whole function calls as tool_calls deltas numbered across events, finishing with tool_calls', () => {
    const { t, out } = run('function-call', false);
    expect(out).toEqual(JSON.parse(read('function-call.stream.expected.json')));
    expect(t.usage()).toEqual({ prompt_tokens: 70, completion_tokens: 38, total_tokens: 108 });
  });

  it('keeps candidates apart (n > 1)', () => {
    expect(run('two-candidates', false).out).toEqual(JSON.parse(read('two-candidates.stream.expected.json')));
  });

  it('turns an error event into one error event and [DONE], ignoring what follows', () => {
    const { t, out } = run('error', false);
    expect(out).toEqual(JSON.parse(read('error.stream.expected.json')));
    expect(t.end()).toBe('');
  });

  it('never ends silently: a stream without a finish reason ends with an error event', () => {
    expect(run('cut', false).out).toEqual(JSON.parse(read('cut.stream.expected.json')));
  });

  it('reports a blocked prompt as a content_filter finish', () => {
    const t = translator(false);
    const out = parseEmitted(runStream(t, [{ data: JSON.stringify({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, responseId: 'b1', modelVersion: 'gemini-2.5-flash' }) }]));
    const chunk = (delta: unknown, finish: string | null) => ({
      id: 'b1',
      object: 'chat.completion.chunk',
      created: 1750000000,
      model: 'gemini-2.5-flash',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    });
    expect(out).toEqual([chunk({ role: 'assistant' }, null), chunk({}, 'content_filter'), '[DONE]']);
  });
});
