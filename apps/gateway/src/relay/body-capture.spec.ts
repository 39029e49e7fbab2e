import { describe, expect, it } from 'vitest';
import { BodyCapture, KEPT_BODY_BYTES, keptRequestBody } from './body-capture.js';

describe('BodyCapture', () => {
  it('keeps the first 64 KiB across chunks and says when more came', () => {
    const capture = new BodyCapture();
    capture.push('a'.repeat(40_000));
    capture.push(Buffer.from('b'.repeat(40_000)));
    capture.push('c');
    expect(capture.text()).toBe('a'.repeat(40_000) + 'b'.repeat(KEPT_BODY_BYTES - 40_000));
    expect(capture.truncated).toBe(true);
  });

  it('gives null for nothing, drops NUL characters, and keeps text bodies of requests only', () => {
    expect(new BodyCapture().text()).toBeNull();
    const withNul = new BodyCapture();
    withNul.push('a\0b');
    expect(withNul.text()).toBe('ab');
    expect(keptRequestBody(Buffer.from('{"a":1}'), 'application/json').text()).toBe('{"a":1}');
    expect(keptRequestBody(Buffer.from('\x89PNG'), 'image/png').text()).toBeNull();
    expect(keptRequestBody(null, undefined).text()).toBeNull();
  });
});
