import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyBody, StallError } from './copy-body.js';

class MemorySink extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.chunks.push(chunk);
    done();
  }
  get text() {
    return Buffer.concat(this.chunks).toString();
  }
}

describe('copyBody', () => {
  it('copies a body, counting bytes', async () => {
    const body = new PassThrough();
    const sink = new MemorySink();
    const counted: number[] = [];
    const done = copyBody(body, sink, { stallMs: 1000, onBytes: (n) => counted.push(n) });
    body.write('abc');
    body.end('de');
    await done;
    expect(sink.text).toBe('abcde');
    expect(counted.reduce((a, b) => a + b, 0)).toBe(5);
    expect(sink.writableFinished).toBe(true);
  });

  it('aborts a body that stops sending, keeping what arrived flushed', async () => {
    const body = new PassThrough();
    const sink = new MemorySink();
    const done = copyBody(body, sink, { stallMs: 50, onBytes: () => undefined });
    body.write('half');
    await expect(done).rejects.toBeInstanceOf(StallError);
    expect(sink.text).toBe('half');
    expect(sink.writableFinished).toBe(true);
    expect(body.destroyed).toBe(true);
  });

  it('fails on a connection closed early, and on an abort', async () => {
    const cut = new PassThrough();
    const p1 = copyBody(cut, new MemorySink(), { stallMs: 1000, onBytes: () => undefined });
    cut.write('x');
    cut.destroy(new Error('other side closed'));
    await expect(p1).rejects.toThrow('other side closed');

    const controller = new AbortController();
    const slow = new PassThrough();
    const p2 = copyBody(slow, new MemorySink(), { stallMs: 1000, onBytes: () => undefined, signal: controller.signal });
    controller.abort(new Error('cancelled'));
    await expect(p2).rejects.toThrow('cancelled');
  });
});
