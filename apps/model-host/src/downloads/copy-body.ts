import type { Readable, Writable } from 'node:stream';

export class StallError extends Error {
  constructor(ms: number) {
    super(`no data for ${Math.round(ms / 1000)} s: transfer stalled`);
  }
}

/**
 * Pipes a response body into a file stream with backpressure, calling `onBytes` per chunk. No byte
 * for `stallMs` (time spent waiting on the disk does not count) aborts with a StallError. Whatever the
 * outcome, the file stream is ended and flushed before this settles, so the `.partial` file's size is
 * exactly the bytes received: the next attempt resumes from there.
 */
export function copyBody(body: Readable, sink: Writable, options: { stallMs: number; onBytes: (n: number) => void; signal?: AbortSignal }): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const closeSink = () =>
      new Promise<void>((done) => {
        if (sink.destroyed || sink.writableFinished) return done();
        sink.once('close', () => done());
        sink.once('finish', () => done());
        sink.end();
      });
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (err !== undefined) body.destroy();
      void closeSink().then(() => (err === undefined ? resolve() : reject(err)));
    };
    const timer = setTimeout(() => finish(new StallError(options.stallMs)), options.stallMs);
    const onAbort = () => finish(options.signal?.reason ?? new Error('aborted'));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    body.on('data', (chunk: Buffer) => {
      if (settled) return;
      timer.refresh();
      options.onBytes(chunk.length);
      if (!sink.write(chunk)) {
        body.pause();
        sink.once('drain', () => {
          timer.refresh();
          body.resume();
        });
      }
    });
    body.once('end', () => finish());
    body.on('error', (err) => finish(err));
    body.once('close', () => {
      if (!body.readableEnded) finish(new Error('connection closed before the end of the file'));
    });
    sink.on('error', (err) => finish(err));
  });
}
