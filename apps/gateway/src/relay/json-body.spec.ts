import { describe, expect, it } from 'vitest';
import type { GatewayError } from '@aigw/server-kit/gateway-error';
import { parseJsonBody } from './json-body.js';

const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));
const failure = (body: unknown, op: Parameters<typeof parseJsonBody>[1] = 'chat') => {
  try {
    parseJsonBody(body, op);
  } catch (err) {
    return err as GatewayError;
  }
  throw new Error('expected a failure');
};

describe('parseJsonBody', () => {
  it('reads model and stream and keeps the rest', () => {
    const parsed = parseJsonBody(buf({ model: 'm', messages: [], stream: true, tools: [1] }), 'chat');
    expect(parsed.model).toBe('m');
    expect(parsed.stream).toBe(true);
    expect(parsed.json.tools).toEqual([1]);
  });

  it('refuses what cannot be a request, naming the field', () => {
    expect(failure(buf('{nope')).code).toBe('invalid_json');
    expect(failure(Buffer.alloc(0)).code).toBe('invalid_json');
    expect(failure(buf([1, 2])).code).toBe('invalid_request');
    expect(failure(buf({ messages: [] })).param).toBe('model');
    expect(failure(buf({ model: 5, messages: [] })).param).toBe('model');
    expect(failure(buf({ model: 'm', messages: 'hi' })).param).toBe('messages');
    expect(failure(buf({ model: 'm', messages: [], stream: 'yes' })).param).toBe('stream');
  });

  it('checks the main field of each operation', () => {
    expect(failure(buf({ model: 'm' }), 'embeddings').param).toBe('input');
    expect(failure(buf({ model: 'm', input: 3 }), 'embeddings').param).toBe('input');
    expect(failure(buf({ model: 'm', query: 'q' }), 'rerank').param).toBe('documents');
    expect(failure(buf({ model: 'm' }), 'images_generations').param).toBe('prompt');
    expect(failure(buf({ model: 'm' }), 'audio_speech').param).toBe('input');
    expect(parseJsonBody(buf({ model: 'm', input: ['a', 'b'] }), 'embeddings').model).toBe('m');
    // path routes (no operation) only need a model
    expect(parseJsonBody(buf({ model: 'm', anything: 1 }), null).json.anything).toBe(1);
  });
});
