import path from 'node:path';
import type { Writable } from 'node:stream';
import type { DownloadFileState } from '@aigw/shared/admin/local-models';
import type { PlannedFile } from '../catalog/manifest.js';
import type { FileHash } from '../system/storage.repository.js';
import { copyBody } from './copy-body.js';
import { discardBody, type HttpClient } from './http-client.js';
import { interpretResponse, planResume, rangeHeader } from './resume.js';

/** The files a transfer touches, behind an interface (StorageRepository in the app, a fake in tests). */
export interface TransferFiles {
  fileSize(file: string): Promise<number | undefined>;
  remove(file: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  openWrite(file: string, options: { truncate: boolean }): Promise<Writable>;
  hashFile(file: string, kind: FileHash): Promise<string>;
  isInside(root: string, target: string): Promise<boolean>;
}

export interface TransferDeps {
  http: Pick<HttpClient, 'get'>;
  files: TransferFiles;
  stallTimeoutMs: number;
  /** Retries after a failed transfer or check. */
  retries: number;
  backoffBaseMs: number;
  authorization?: { origin: string; value: string };
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** What the caller shows as this file's progress. */
export interface FileProgressSink {
  attempt(): void;
  /** Bytes of the file present now (what is in `.partial` plus what arrived). */
  bytes(done: number): void;
  state(state: DownloadFileState, error?: string | null): void;
}

export class TransferError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly discard = false,
  ) {
    super(message);
  }
}

export const partialPath = (target: string) => `${target}.partial`;

/**
 * Downloads one planned file into `root`: resumes a `.partial` file with Range, checks the sha256 (or
 * git blob id), renames it into place. A failed transfer or check is retried with backoff (a corrupt
 * file is deleted and fetched again); after `retries` it throws. An abort of `signal` stops at once,
 * keeping the `.partial` file for the next time.
 */
export async function transferFile(file: PlannedFile, root: string, deps: TransferDeps, sink: FileProgressSink, signal: AbortSignal): Promise<void> {
  const target = path.join(root, ...file.path.split('/'));
  if (!(await deps.files.isInside(root, target)) || !(await deps.files.isInside(root, partialPath(target)))) {
    throw new TransferError(`"${file.path}" would be written outside the model directory (a symlink on the way?)`, false);
  }
  let failures = 0;
  for (;;) {
    signal.throwIfAborted();
    sink.attempt();
    try {
      await fetchOnce(file, target, deps, sink, signal);
      sink.state('verifying');
      await verify(file, partialPath(target), deps.files);
      await deps.files.rename(partialPath(target), target);
      sink.state('done');
      return;
    } catch (err) {
      if (signal.aborted) throw signal.reason ?? err;
      const e = err instanceof TransferError ? err : new TransferError((err as Error).message || String(err), true);
      if (e.discard) {
        await deps.files.remove(partialPath(target));
        sink.bytes(0);
      }
      failures += 1;
      if (!e.retryable || failures > deps.retries) {
        sink.state('failed', e.message);
        throw new TransferError(`${file.path}: ${e.message}${e.retryable ? ` (gave up after ${failures} attempts)` : ''}`, false);
      }
      sink.state('downloading', e.message);
      await deps.sleep(Math.min(30_000, deps.backoffBaseMs * 2 ** (failures - 1)), signal);
    }
  }
}

async function fetchOnce(file: PlannedFile, target: string, deps: TransferDeps, sink: FileProgressSink, signal: AbortSignal): Promise<void> {
  const partial = partialPath(target);
  const plan = planResume(await deps.files.fileSize(partial), file.size);
  if (plan.kind === 'discard') throw new TransferError('the partial file is larger than the file: starting over', true, true);
  if (plan.kind === 'complete') {
    sink.bytes(file.size ?? 0);
    return;
  }
  const offset = plan.kind === 'resume' ? plan.offset : 0;
  sink.state('downloading', null);
  sink.bytes(offset);
  const res = await deps.http.get(file.url, {
    headers: offset > 0 ? { range: rangeHeader(offset), 'accept-encoding': 'identity' } : { 'accept-encoding': 'identity' },
    authorization: file.auth ? deps.authorization : undefined,
    signal,
    idleTimeoutMs: deps.stallTimeoutMs,
  });
  const answer = interpretResponse(res.status, res.headers['content-range'], offset, file.size);
  if (answer.kind === 'error' || answer.kind === 'complete') {
    await discardBody(res.body);
    if (answer.kind === 'complete') return;
    throw new TransferError(answer.message, answer.retryable, answer.discard);
  }
  const start = answer.kind === 'rewrite' ? 0 : answer.offset;
  const out = await deps.files.openWrite(partial, { truncate: answer.kind === 'rewrite' });
  let done = start;
  sink.bytes(done);
  await copyBody(res.body, out, {
    stallMs: deps.stallTimeoutMs,
    signal,
    onBytes: (n) => {
      done += n;
      sink.bytes(done);
    },
  });
  const size = await deps.files.fileSize(partial);
  if (file.size !== null && size !== file.size) {
    throw new TransferError(`got ${size} of ${file.size} bytes`, true, (size ?? 0) > file.size);
  }
}

/** A wrong hash means a corrupt file: deleted, so the retry fetches it whole. */
async function verify(file: PlannedFile, partial: string, files: TransferFiles): Promise<void> {
  if (file.sha256) {
    const actual = await files.hashFile(partial, 'sha256');
    if (actual !== file.sha256) throw new TransferError(`sha256 mismatch (expected ${file.sha256}, got ${actual}): corrupt, fetching again`, true, true);
  } else if (file.git_oid) {
    const actual = await files.hashFile(partial, 'git-sha1');
    if (actual !== file.git_oid) throw new TransferError(`git blob id mismatch (expected ${file.git_oid}, got ${actual}): corrupt, fetching again`, true, true);
  }
}
