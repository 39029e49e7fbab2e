import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { OutputMeter } from './output-meter.js';
import { truncationChunk, usageChunk } from './stream-chunks.js';
import { chunk, CREATED, sseData, STREAM_ID } from './testing/fixtures.js';

/** The official SDK reading `sse` as a chat stream (its own fetch: no network). */
async function readWithSdk(sse: string) {
  const client = new OpenAI({
    apiKey: 'sk-test',
    baseURL: 'http://gateway.test/v1',
    maxRetries: 0,
    fetch: async () => new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  });
  const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return chunks;
}

describe('closing chunks', () => {
  const usage = { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 };

  it('ends a cut stream: finish_reason "length" with the stream\'s id, created and model, the usage, then [DONE]', () => {
    const meter = new OutputMeter('gpt-4o');
    for (const p of ['', 'One', ' two', ' three', ' four', ' five']) meter.push(chunk(p ? { content: p } : { role: 'assistant', content: '' }, { usageNull: true }));
    expect(meter.produced()).toBe(5);
    const tail = truncationChunk(meter.meta(), usage);
    expect(sseData(tail)).toEqual([
      JSON.stringify({ id: STREAM_ID, object: 'chat.completion.chunk', created: CREATED, model: 'gpt-4o-2024-08-06', system_fingerprint: 'fp_eb9dce56a8', choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'length' }], usage: null }),
      JSON.stringify({ id: STREAM_ID, object: 'chat.completion.chunk', created: CREATED, model: 'gpt-4o-2024-08-06', system_fingerprint: 'fp_eb9dce56a8', choices: [], usage }),
      '[DONE]',
    ]);
    expect(tail.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('closes every open choice of an n=2 stream, and only those', () => {
    const meter = new OutputMeter('gpt-4o');
    meter.push(chunk({ content: 'a' }, { index: 0 }));
    meter.push(chunk({ content: 'b' }, { index: 1 }));
    meter.push(chunk({ content: 'c' }, { index: 2 }));
    meter.push(chunk({}, { index: 1, finish: 'stop' }));
    const [first] = sseData(truncationChunk(meter.meta()));
    expect((JSON.parse(first!) as { choices: Array<{ index: number }> }).choices.map((c) => c.index)).toEqual([0, 2]);
    expect(sseData(truncationChunk(meter.meta())).at(-1)).toBe('[DONE]');
  });

  it('ends a completions stream with a text choice', () => {
    const meter = new OutputMeter('gpt-3.5-turbo-instruct');
    meter.push(JSON.stringify({ id: 'cmpl-9', object: 'text_completion', created: CREATED, model: 'gpt-3.5-turbo-instruct', choices: [{ text: 'Hi', index: 0, logprobs: null, finish_reason: null }] }));
    expect(JSON.parse(sseData(truncationChunk(meter.meta()))[0]!)).toEqual({
      id: 'cmpl-9',
      object: 'text_completion',
      created: CREATED,
      model: 'gpt-3.5-turbo-instruct',
      choices: [{ text: '', index: 0, logprobs: null, finish_reason: 'length' }],
    });
  });

  it('builds a usage chunk', () => {
    const meta = new OutputMeter('llama3').meta();
    expect(JSON.parse(sseData(usageChunk(meta, usage))[0]!)).toMatchObject({ id: meta.id, object: 'chat.completion.chunk', choices: [], usage });
  });

  it('puts the usage on the closing chunk when asked to inline it', () => {
    const meta = new OutputMeter('llama3').meta();
    const data = sseData(truncationChunk(meta, usage, true));
    expect(data).toHaveLength(2);
    expect(JSON.parse(data[0]!)).toMatchObject({ choices: [{ finish_reason: 'length' }], usage });
  });

  it('is read by the official openai SDK as a normal end: finish_reason "length", the usage, no error', async () => {
    const meter = new OutputMeter('gpt-4o');
    let upstream = '';
    for (const p of ['Hello', ' there', ',', ' friend']) {
      const data = chunk({ content: p }, { usageNull: true });
      meter.push(data);
      upstream += `data: ${data}\n\n`;
    }
    const chunks = await readWithSdk(upstream + truncationChunk(meter.meta(), { prompt_tokens: 8, completion_tokens: meter.produced(), total_tokens: 8 + meter.produced() }));
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hello there, friend');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('length');
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 8, completion_tokens: 4, total_tokens: 12 });
    expect(chunks.every((c) => c.id === STREAM_ID)).toBe(true);
  });
});
