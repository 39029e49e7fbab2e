import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestIdFor, requestIdMadeHere } from './request-id.js';

const req = (headers: IncomingMessage['headers']) => ({ headers }) as IncomingMessage;

describe('request ids', () => {
  it('keeps a sane caller id, and knows it is not its own', () => {
    const caller = req({ 'x-request-id': 'trace-42' });
    expect(requestIdFor(caller)).toBe('trace-42');
    expect(requestIdMadeHere(caller, requestIdFor(caller))).toBe(false);
  });

  it('makes a UUID v7 when there is none or it is not sane, and knows it made it', () => {
    for (const headers of [{}, { 'x-request-id': 'bad id with spaces' }, { 'x-request-id': ['a', 'b'] }]) {
      const r = req(headers as IncomingMessage['headers']);
      const id = requestIdFor(r);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(requestIdMadeHere(r, id)).toBe(true);
    }
  });
});
