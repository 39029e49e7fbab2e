import type { IncomingMessage } from 'node:http';
import { GatewayError } from '@aigw/server-kit/gateway-error';

const tooLarge = (limit: number) => new GatewayError('request_too_large', `Request body is larger than the ${Math.round(limit / 1024)} KiB limit`);

/**
 * Reads a request body up to `limit` bytes. A larger body is read to its end and discarded (up to
 * another `limit` bytes) before the 413 goes out: a client still uploading would otherwise see a
 * broken pipe instead of the error, and SDKs retry broken pipes.
 */
export function readBodyWithLimit(payload: IncomingMessage, limit: number, done: (err: Error | null, body?: Buffer) => void): void {
  const declared = Number(payload.headers['content-length']);
  if (declared > 2 * limit) {
    done(tooLarge(limit));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (err: Error | null, body?: Buffer) => {
    if (finished) return;
    finished = true;
    payload.removeListener('data', onData);
    done(err, body);
  };
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    else if (chunks.length) chunks.length = 0;
    if (size > 2 * limit) finish(tooLarge(limit));
  };
  payload.on('data', onData);
  payload.once('end', () => finish(size > limit ? tooLarge(limit) : null, size > limit ? undefined : Buffer.concat(chunks, size)));
  payload.once('error', (err) => finish(err));
}
