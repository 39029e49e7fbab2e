import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('SseParser', () => {
  it('splits events on blank lines, names them, and joins data lines', () => {
    const parser = new SseParser();
    const events = parser.push(bytes('event: message_start\ndata: {"a":1}\n\n: keep-alive\n\ndata: one\ndata: two\n\n'));
    expect(events).toEqual([{ event: 'message_start', data: '{"a":1}' }, { data: 'one\ntwo' }]);
  });

  it('accepts CRLF and CR line ends, even split across chunks', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('data: x\r'))).toEqual([]);
    expect(parser.push(bytes('\n\r\ndata: y\r\r'))).toEqual([{ data: 'x' }, { data: 'y' }]);
  });

  it('reassembles events and multi-byte characters split anywhere', () => {
    const whole = bytes('data: {"text":"héllo 世界"}\n\ndata: [DONE]\n\n');
    const parser = new SseParser();
    const events = [];
    for (let i = 0; i < whole.length; i += 3) events.push(...parser.push(whole.slice(i, i + 3)));
    expect(events).toEqual([{ data: '{"text":"héllo 世界"}' }, { data: '[DONE]' }]);
  });

  it('delivers a last event without its blank line at the end', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('data: tail'))).toEqual([]);
    expect(parser.end()).toEqual([{ data: 'tail' }]);
  });
});
