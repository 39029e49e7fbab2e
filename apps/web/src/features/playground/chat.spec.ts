import { describe, expect, it } from 'vitest';
import { applyStreamData, emptyRun, initialPlaygroundValues, runFromCompletion, toChatRequest } from './chat';

const chunk = (content: string | null, extra: object = {}) =>
  JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: 'gpt-test', choices: content === null ? [] : [{ index: 0, delta: { content }, finish_reason: null }], ...extra });

describe('playground request', () => {
  const values = { ...initialPlaygroundValues, model: 'gpt-test', apiKey: ' sk-abc ', message: 'Hi' };

  it('streams with usage by default and leaves out unset options', () => {
    expect(toChatRequest(values)).toEqual({
      ok: true,
      body: { model: 'gpt-test', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } },
    });
  });

  it('adds the system prompt first, temperature and max tokens; no stream options without streaming', () => {
    expect(toChatRequest({ ...values, system: ' Be brief. ', temperature: '0.2', maxTokens: '64', stream: false })).toEqual({
      ok: true,
      body: {
        model: 'gpt-test',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
        stream: false,
        temperature: 0.2,
        max_tokens: 64,
      },
    });
  });

  it('says what is missing or out of range', () => {
    expect(toChatRequest({ ...initialPlaygroundValues, temperature: '3', maxTokens: '0' })).toEqual({
      ok: false,
      errors: { model: 'Choose a model', apiKey: 'Paste an API key', message: 'Write a message', temperature: 'Between 0 and 2', maxTokens: 'A whole number of at least 1' },
    });
    expect(toChatRequest({ ...values, apiKey: 'sk a' })).toMatchObject({ ok: false, errors: { apiKey: 'An API key has no spaces' } });
  });
});

describe('playground stream', () => {
  it('appends content deltas and records the model, finish reason and final usage, until [DONE]', () => {
    const events = [
      JSON.stringify({ model: 'gpt-test', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
      chunk('Hello'),
      chunk(' world'),
      JSON.stringify({ model: 'gpt-test', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
      chunk(null, { usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }),
      '[DONE]',
      chunk('ignored after done'),
    ];
    const run = events.reduce(applyStreamData, emptyRun());
    expect(run).toEqual({ text: 'Hello world', model: 'gpt-test', finishReason: 'stop', usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 }, error: null, done: true });
  });

  it('ends on an in-band error event, keeping the text so far', () => {
    let run = applyStreamData(emptyRun(), chunk('Partial'));
    run = applyStreamData(run, JSON.stringify({ error: { message: 'Upstream connection lost', type: 'upstream_error', param: null, code: 'upstream_error' } }));
    expect(run).toMatchObject({ text: 'Partial', done: true, error: { message: 'Upstream connection lost', code: 'upstream_error', type: 'upstream_error' } });
  });

  it('reports an event that is not JSON', () => {
    expect(applyStreamData(emptyRun(), '<html>')).toMatchObject({ done: true, error: { message: 'Unreadable event from the gateway: <html>' } });
  });
});

describe('playground completion', () => {
  it('reads a non-streamed answer', () => {
    expect(
      runFromCompletion({
        model: 'gpt-test',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hi there' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
      }),
    ).toEqual({ text: 'Hi there', model: 'gpt-test', finishReason: 'stop', usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }, error: null, done: true });
    expect(runFromCompletion({})).toMatchObject({ error: { message: 'The answer has no choices' } });
  });
});
