import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import { GatewayError } from '@aigw/server-kit/gateway-error';

/** Bytes kept in memory while looking for the `model` field; past this they go to a temp file. */
const MEMORY_SPOOL_BYTES = 1024 * 1024;

export interface MultipartBody {
  model: string;
  contentType: string;
  /** The client's bytes, unchanged: what was read while looking for the model, then the rest as it arrives. */
  body: Readable;
  /** Removes the temp file, if one was needed. */
  release(): Promise<void>;
}

const tooLarge = (limit: number) => new GatewayError('request_too_large', `Request body is larger than the ${Math.round(limit / 1024)} KiB limit`);

/** What was read before the model was known: in memory up to a bound, then in a temp file. */
class Spool {
  private readonly memory: Buffer[] = [];
  private memoryBytes = 0;
  private file: { dir: string; path: string; stream: WriteStream } | null = null;

  write(chunk: Buffer): void {
    if (!this.file && this.memoryBytes + chunk.length <= MEMORY_SPOOL_BYTES) {
      this.memory.push(chunk);
      this.memoryBytes += chunk.length;
      return;
    }
    if (!this.file) {
      // Once per upload that puts more than 1 MiB before its model field; writes stay asynchronous.
      const dir = mkdtempSync(path.join(tmpdir(), 'aigw-upload-'));
      this.file = { dir, path: path.join(dir, 'body'), stream: createWriteStream(path.join(dir, 'body'), { mode: 0o600 }) };
    }
    this.file.stream.write(chunk);
  }

  /** Writes everything spooled into `out`, in order, respecting its backpressure. */
  async replay(out: PassThrough): Promise<void> {
    for (const chunk of this.memory) if (!out.write(chunk)) await once(out, 'drain');
    if (!this.file) return;
    this.file.stream.end();
    await once(this.file.stream, 'finish');
    for await (const chunk of createReadStream(this.file.path)) if (!out.write(chunk)) await once(out, 'drain');
  }

  async release(): Promise<void> {
    if (!this.file) return;
    this.file.stream.destroy();
    await rm(this.file.dir, { recursive: true, force: true });
  }
}

/**
 * Multipart uploads (image edits, transcriptions) are routed by their `model` field but never held
 * whole in memory: the bytes are parsed only until `model` appears (spooling at most 1 MiB in
 * memory, the rest on disk: SDKs often send the file first), then everything streams upstream
 * unchanged.
 */
export function readMultipartModel(req: IncomingMessage, limit: number): Promise<MultipartBody> {
  return new Promise((resolve, reject) => {
    const contentType = req.headers['content-type'] ?? '';
    const spool = new Spool();
    let size = 0;
    let settled = false;
    let parser: BusboyInstance;
    try {
      parser = Busboy({ headers: { ...req.headers, 'content-type': contentType }, limits: { fieldSize: 4096 } });
    } catch {
      reject(new GatewayError('invalid_request', 'Expected a multipart/form-data body with a boundary'));
      return;
    }
    const fail = (error: GatewayError) => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      req.resume(); // drain, so the client can read the error
      void spool.release();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return fail(tooLarge(limit));
      spool.write(chunk);
      parser.write(chunk);
    };
    parser.on('file', (_name: string, stream: Readable) => stream.resume());
    parser.on('field', (name: string, value: string) => {
      if (name !== 'model' || settled) return;
      if (!value) return fail(new GatewayError('invalid_request', 'model: you must provide a model name', { param: 'model' }));
      settled = true;
      req.removeListener('data', onData);
      req.pause();
      const body = new PassThrough();
      void (async () => {
        try {
          await spool.replay(body);
          req.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > limit) return body.destroy(tooLarge(limit));
            if (!body.write(chunk)) {
              req.pause();
              body.once('drain', () => req.resume());
            }
          });
          if (req.readableEnded) body.end();
          else req.once('end', () => body.end());
          req.resume();
        } catch (err) {
          body.destroy(err as Error);
        }
      })();
      resolve({ model: value, contentType, body, release: () => spool.release() });
    });
    parser.on('error', () => fail(new GatewayError('invalid_request', 'The multipart body is malformed')));
    parser.on('finish', () => fail(new GatewayError('invalid_request', 'model: the form has no model field', { param: 'model' })));
    req.on('data', onData);
    req.once('end', () => {
      if (!settled) parser.end();
    });
    req.once('error', () => fail(new GatewayError('invalid_request', 'The upload was interrupted')));
  });
}
