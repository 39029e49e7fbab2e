import { describe, expect, it } from 'vitest';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { countChatPrompt, countText } from './count-prompt.js';
import { pngHeader } from './testing/fixtures.js';

// OpenAI cookbook, "How to count tokens with tiktoken": these messages cost 129 prompt tokens on
// gpt-3.5-turbo and gpt-4, and 124 on gpt-4o and gpt-4o-mini, as counted by the API itself.
const cookbookMessages = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];

// Same notebook, with tools: 105 prompt tokens on gpt-3.5-turbo and gpt-4, 101 on gpt-4o and gpt-4o-mini.
const weatherTools = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
          unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['location'],
      },
    },
  },
];
const weatherMessages = [
  { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
  { role: 'user', content: "What's the weather like in San Francisco?" },
];

describe('countChatPrompt', () => {
  it.each([
    ['gpt-3.5-turbo', 129, 'cl100k_base'],
    ['gpt-4', 129, 'cl100k_base'],
    ['gpt-4-0613', 129, 'cl100k_base'],
    ['gpt-4o', 124, 'o200k_base'],
    ['gpt-4o-mini', 124, 'o200k_base'],
  ])("counts the cookbook's example exactly for %s (%i)", (model, tokens, encoding) => {
    expect(countChatPrompt(model, cookbookMessages)).toEqual({ tokens, estimated: false, encoding });
  });

  it.each([
    ['gpt-3.5-turbo', 105],
    ['gpt-4', 105],
    ['gpt-4o', 101],
    ['gpt-4o-mini', 101],
  ])("counts the cookbook's tools example for %s (%i), marked estimated", (model, tokens) => {
    expect(countChatPrompt(model, weatherMessages, weatherTools)).toMatchObject({ tokens, estimated: true });
  });

  it('frames each message with 3 tokens plus role and content, and primes the reply with 3', () => {
    // "hello world" is 2 tokens, "user" 1: 3 + 1 + 2, then 3.
    expect(countChatPrompt('gpt-4', [{ role: 'user', content: 'hello world' }])).toEqual({ tokens: 9, estimated: false, encoding: 'cl100k_base' });
    expect(countChatPrompt('gpt-4', [])).toEqual({ tokens: 3, estimated: false, encoding: 'cl100k_base' });
    // A name costs its tokens plus 1.
    expect(countChatPrompt('gpt-4', [{ role: 'user', name: 'bob', content: 'hello world' }]).tokens).toBe(9 + 1 + 1);
  });

  it('counts a content array of one text part like the same string', () => {
    const asString = countChatPrompt('gpt-4o', [{ role: 'user', content: 'Describe this picture.' }]);
    const asParts = countChatPrompt('gpt-4o', [{ role: 'user', content: [{ type: 'text', text: 'Describe this picture.' }] }]);
    expect(asParts).toEqual(asString);
    expect(countChatPrompt('gpt-4o', [{ role: 'assistant', content: null }]).tokens).toBe(3 + 1 + 3);
  });

  it('adds the documented image estimate and marks the count estimated', () => {
    const text = countChatPrompt('gpt-4o', [{ role: 'user', content: 'What is in this image?' }]).tokens;
    const withImage = (image_url: unknown, model = 'gpt-4o') =>
      countChatPrompt(model, [{ role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image_url', image_url }] }]);
    expect(withImage({ url: 'https://example.com/cat.jpg', detail: 'low' })).toEqual({ tokens: text + 85, estimated: true, encoding: 'o200k_base' });
    // Remote URL, size unknown: the guide's 1024 x 1024 example (765).
    expect(withImage({ url: 'https://example.com/cat.jpg' }).tokens).toBe(text + 765);
    // A data URL's size is read from its header: 2048 x 4096 -> 1105.
    expect(withImage({ url: `data:image/png;base64,${pngHeader(2048, 4096).toString('base64')}`, detail: 'high' }).tokens).toBe(text + 1105);
    expect(withImage({ url: 'https://example.com/cat.jpg', detail: 'low' }, 'gpt-4o-mini').tokens).toBe(text + 2833);
  });

  it('counts assistant tool calls and tool results, as estimates', () => {
    const messages = [
      { role: 'user', content: "What's the weather in Paris?" },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_abc', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_abc', content: '{"temp_c":18}' },
    ];
    const counted = countChatPrompt('gpt-4o', messages);
    expect(counted.estimated).toBe(true);
    const withoutCalls = countChatPrompt('gpt-4o', [messages[0]!, { role: 'assistant', content: null }, { role: 'tool', content: '{"temp_c":18}' }]);
    expect(counted.tokens).toBeGreaterThan(withoutCalls.tokens + 8);
  });

  it('estimates other families with o200k_base and the same framing', () => {
    const exact = countChatPrompt('gpt-4o', cookbookMessages);
    expect(countChatPrompt('Qwen3-8B', cookbookMessages)).toEqual({ ...exact, estimated: true });
    // Seed 004's example: {"model": "Qwen3-8B", "messages": [{"role": "user", "content": "你好"}]}.
    expect(countChatPrompt('Qwen3-8B', [{ role: 'user', content: '你好' }])).toEqual({ tokens: 3 + 1 + 1 + 3, estimated: true, encoding: 'o200k_base' });
  });

  it('survives malformed messages and parts (counted as estimates, never thrown)', () => {
    expect(countChatPrompt('gpt-4o', [null, 'text', { role: 'user', content: [null, { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] }])).toMatchObject({ estimated: true });
  });
});

describe('countText', () => {
  it('counts a string, or strings, with the model encoding', () => {
    expect(countText('text-embedding-ada-002', 'hello world')).toEqual({ tokens: 2, estimated: false, encoding: 'cl100k_base' });
    expect(countText('gpt-4o', ['tiktoken is great!', '2 + 2 = 4'])).toEqual({ tokens: 6 + 7, estimated: false, encoding: 'o200k_base' });
    expect(countText('gpt-4o', '')).toEqual({ tokens: 0, estimated: false, encoding: 'o200k_base' });
  });

  it('counts token ids exactly by length, whatever the model', () => {
    expect(countText('text-embedding-3-small', [9906, 1917])).toEqual({ tokens: 2, estimated: false, encoding: 'cl100k_base' });
    expect(countText('bge-m3', [[1, 2, 3], [4], []])).toEqual({ tokens: 4, estimated: false, encoding: 'o200k_base' });
    expect(countText('gpt-4o', [])).toEqual({ tokens: 0, estimated: false, encoding: 'o200k_base' });
  });

  it('estimates strings for other families', () => {
    expect(countText('nomic-embed-text', 'hello world')).toEqual({ tokens: 2, estimated: true, encoding: 'o200k_base' });
  });

  it('refuses mixed arrays', () => {
    expect(() => countText('gpt-4o', ['a', 1] as unknown as string[])).toThrow(GatewayError);
  });
});
