import { createHash } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { PlannedFile } from '../catalog/manifest.js';
import type { HttpGetOptions, HttpResponse } from './http-client.js';
import { transferFile, type TransferDeps, type TransferFiles } from './transfer.js';

const content = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** An in-memory disk. */
class FakeFiles implements TransferFiles {
  files = new Map<string, Buffer>();
  inside = true;
  async fileSize(f: string) {
    return this.files.get(f)?.length;
  }
  async remove(f: string) {
    this.files.delete(f);
  }
  async rename(a: string, b: string) {
    this.files.set(b, this.files.get(a)!);
    this.files.delete(a);
  }
  async openWrite(f: string, { truncate }: { truncate: boolean }) {
    if (truncate || !this.files.has(f)) this.files.set(f, Buffer.alloc(0));
    const files = this.files;
    return new Writable({
      write(chunk: Buffer, _e, done) {
        files.set(f, Buffer.concat([files.get(f)!, chunk]));
        done();
      },
    });
  }
  async hashFile(f: string) {
    return sha(this.files.get(f)!);
  }
  async isInside() {
    return this.inside;
  }
}

type Behaviour = { status?: number; cutAt?: number; corrupt?: boolean; ignoreRange?: boolean };

/** A server answering from `content`, honouring Range unless told not to, one behaviour per request. */
function fakeHttp(plan: Behaviour[]) {
  const requests: Array<{ url: string; range: string | undefined; auth: string | undefined }> = [];
  return {
    requests,
    async get(url: string, options: HttpGetOptions): Promise<HttpResponse> {
      const b = plan.shift() ?? {};
      requests.push({ url, range: options.headers?.range, auth: options.authorization?.value });
      const start = !b.ignoreRange && options.headers?.range ? Number(/bytes=(\d+)-/.exec(options.headers.range)![1]) : 0;
      const body = new PassThrough();
      const status = b.status ?? (start > 0 ? 206 : 200);
      let data = Buffer.from(content.subarray(start));
      if (b.corrupt) data[0] = data[0]! ^ 1;
      setImmediate(() => {
        if (status >= 300) return body.end();
        if (b.cutAt !== undefined) {
          body.write(data.subarray(0, b.cutAt - start));
          setImmediate(() => body.destroy(new Error('other side closed')));
        } else body.end(data);
      });
      data = Buffer.from(data);
      return { status, headers: status === 206 ? { 'content-range': `bytes ${start}-${content.length - 1}/${content.length}` } : {}, body, url };
    },
  };
}

const file = (over: Partial<PlannedFile> = {}): PlannedFile => ({ path: 'sub/model.bin', url: 'http://hub/x', size: content.length, sha256: sha(content), git_oid: null, auth: true, ...over });

function setup(plan: Behaviour[], retries = 3) {
  const files = new FakeFiles();
  const http = fakeHttp(plan);
  const events: string[] = [];
  const deps: TransferDeps = { http, files, stallTimeoutMs: 1000, retries, backoffBaseMs: 1, authorization: { origin: 'http://hub', value: 'Bearer t' }, sleep: async () => undefined };
  const sink = { attempt: () => events.push('attempt'), bytes: () => undefined, state: (s: string) => events.push(s) };
  return { files, http, deps, sink, events };
}

describe('transferFile', () => {
  it('downloads into .partial, checks the sha256, renames into place', async () => {
    const { files, http, deps, sink, events } = setup([{}]);
    await transferFile(file(), '/root', deps, sink, new AbortController().signal);
    expect(files.files.get('/root/sub/model.bin')).toEqual(content);
    expect(files.files.has('/root/sub/model.bin.partial')).toBe(false);
    expect(http.requests).toEqual([{ url: 'http://hub/x', range: undefined, auth: 'Bearer t' }]);
    expect(events).toEqual(['attempt', 'downloading', 'verifying', 'done']);
  });

  it('resumes an interrupted transfer from the bytes on disk, with Range', async () => {
    const { files, http, deps, sink } = setup([{ cutAt: 10 }, {}]);
    await transferFile(file(), '/root', deps, sink, new AbortController().signal);
    expect(http.requests.map((r) => r.range)).toEqual([undefined, 'bytes=10-']);
    expect(files.files.get('/root/sub/model.bin')).toEqual(content);
  });

  it('resumes a partial file left by an earlier run', async () => {
    const { files, http, deps, sink } = setup([{}]);
    files.files.set('/root/sub/model.bin.partial', content.subarray(0, 20));
    await transferFile(file(), '/root', deps, sink, new AbortController().signal);
    expect(http.requests.map((r) => r.range)).toEqual(['bytes=20-']);
    expect(files.files.get('/root/sub/model.bin')).toEqual(content);
  });

  it('starts over when the server ignores Range (200)', async () => {
    const { files, deps, sink } = setup([{ ignoreRange: true }]);
    files.files.set('/root/sub/model.bin.partial', Buffer.from('stale bytes'));
    await transferFile(file(), '/root', deps, sink, new AbortController().signal);
    expect(files.files.get('/root/sub/model.bin')).toEqual(content);
  });

  it('deletes a corrupt file and fetches it whole again', async () => {
    const { files, http, deps, sink, events } = setup([{ corrupt: true }, {}]);
    await transferFile(file(), '/root', deps, sink, new AbortController().signal);
    expect(http.requests.map((r) => r.range)).toEqual([undefined, undefined]);
    expect(files.files.get('/root/sub/model.bin')).toEqual(content);
    expect(events.filter((e) => e === 'attempt')).toHaveLength(2);
  });

  it('gives up after the retries, never marking a corrupt file done', async () => {
    const { files, http, deps, sink, events } = setup([{ corrupt: true }, { corrupt: true }, { corrupt: true }], 2);
    await expect(transferFile(file(), '/root', deps, sink, new AbortController().signal)).rejects.toThrow(/sha256 mismatch.*gave up after 3 attempts/);
    expect(http.requests).toHaveLength(3);
    expect(files.files.size).toBe(0);
    expect(events.at(-1)).toBe('failed');
  });

  it('does not retry a refusal, nor send the token for a file that does not need it', async () => {
    const { http, deps, sink } = setup([{ status: 404 }]);
    await expect(transferFile(file({ auth: false }), '/root', deps, sink, new AbortController().signal)).rejects.toThrow(/not found/);
    expect(http.requests).toEqual([{ url: 'http://hub/x', range: undefined, auth: undefined }]);
  });

  it('refuses a target outside the model directory before any request', async () => {
    const { files, http, deps, sink } = setup([{}]);
    files.inside = false;
    await expect(transferFile(file(), '/root', deps, sink, new AbortController().signal)).rejects.toThrow(/outside the model directory/);
    expect(http.requests).toHaveLength(0);
  });

  it('stops at once when aborted, keeping the partial file', async () => {
    const { files, deps, sink } = setup([{ cutAt: 10 }, {}]);
    const controller = new AbortController();
    deps.sleep = async () => {
      controller.abort(new Error('cancelled'));
      throw new Error('cancelled');
    };
    await expect(transferFile(file(), '/root', deps, sink, controller.signal)).rejects.toThrow('cancelled');
    expect(files.files.get('/root/sub/model.bin.partial')).toEqual(content.subarray(0, 10));
  });

  it('checks a non-LFS file against its git blob id', async () => {
    const { deps, sink, files } = setup([{}]);
    files.hashFile = async (f: string, kind?: string) => (kind === 'git-sha1' ? createHash('sha1').update(`blob ${content.length}\0`).update(files.files.get(f)!).digest('hex') : '');
    const oid = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
    await transferFile(file({ sha256: null, git_oid: oid }), '/root', deps, sink, new AbortController().signal);
    expect(files.files.get('/root/sub/model.bin')).toEqual(content);
  });
});
