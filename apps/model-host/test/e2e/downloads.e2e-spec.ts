import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeHub, hubSha256 } from '@aigw/testkit/fake-hub';
import { hostApi, openAiError, TOKEN } from './helpers.js';
import { startModelHost, type ModelHostProcess } from '@aigw/testkit/model-host-process';

const HF_TOKEN = 'hf_e2e_token_for_the_fake_hub';
const KiB = 1024;

interface SseEvent {
  event: string;
  data: any;
}

/** Reads the download SSE stream until its final event. */
async function readEvents(url: string, timeoutMs = 30_000): Promise<{ events: SseEvent[]; headers: Headers }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(timeoutMs) });
  expect(res.status).toBe(200);
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (name && data) events.push({ event: name, data: JSON.parse(data) });
    }
  }
  return { events, headers: res.headers };
}

describe('downloads from a Hugging Face-compatible hub', () => {
  const hub = new FakeHub();
  let host: ModelHostProcess;
  let dataDir: string;
  let api: ReturnType<typeof hostApi>;
  const weights = randomBytes(256 * KiB);
  const shard = randomBytes(96 * KiB);
  const config = Buffer.from(JSON.stringify({ architectures: ['Tiny'], hidden_size: 8 }));

  beforeAll(async () => {
    await hub.start();
    hub.addRepo('acme/tiny', [
      { path: 'config.json', content: config },
      { path: 'README.md', content: Buffer.from('# tiny\n') },
      { path: 'model.safetensors', content: weights, lfs: true },
      { path: 'shards/part-2.bin', content: shard, lfs: true },
    ]);
    dataDir = await mkdtemp(path.join(tmpdir(), 'aigw-mh-dl-'));
    host = await startModelHost({
      DATA_DIR: dataDir,
      MODEL_HOST_TOKEN: TOKEN,
      HF_ENDPOINT: hub.url,
      HF_TOKEN,
      DOWNLOAD_STALL_TIMEOUT_S: '2',
      MIN_FREE_DISK_MB: '0',
      MAX_CONCURRENT_DOWNLOADS: '2',
      DOWNLOAD_RETRIES: '2',
    });
    api = hostApi(host);
  });
  afterAll(async () => {
    await host?.stop();
    await hub.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('downloads the files matching include/exclude, resumes a cut transfer with Range, re-fetches a corrupted one, streams progress', async () => {
    hub.once.set('model.safetensors', 'cut');
    hub.once.set('shards/part-2.bin', 'corrupt');
    const created = await api.post('/api/local/models', {
      id: 'tiny',
      name: 'Tiny',
      runtime: 'reference',
      source: { type: 'hf', repo: 'acme/tiny', exclude: ['*.md'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'tiny', state: 'not_downloaded', model_path: path.join(dataDir, 'models', 'tiny', 'files') });

    const started = await api.post('/api/local/models/tiny/download');
    expect(started.status).toBe(202);
    expect(started.body.state).toBe('downloading');
    const { events, headers } = await readEvents(`${host.url}/api/local/models/tiny/download/events`);
    expect(headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events[0]!.event).toBe('snapshot');
    expect(events.at(-1)!.event).toBe('done');
    expect(events.slice(1, -1).every((e) => e.event === 'progress')).toBe(true);
    const final = events.at(-1)!.data;
    expect(final).toMatchObject({ state: 'done', bytes_done: weights.length + shard.length + config.length, bytes_total: weights.length + shard.length + config.length, eta_s: 0, error: null });
    expect(final.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(final.files.map((f: any) => f.path).sort()).toEqual(['config.json', 'model.safetensors', 'shards/part-2.bin']);
    const byPath = Object.fromEntries(final.files.map((f: any) => [f.path, f]));
    expect(byPath['model.safetensors']).toMatchObject({ size: weights.length, bytes_done: weights.length, state: 'done', sha256: hubSha256(weights), attempts: 2 });
    expect(byPath['shards/part-2.bin']).toMatchObject({ state: 'done', attempts: 2 });

    // the cut transfer resumed from the byte it had safely written (at most the half the hub sent; the
    // last chunk in flight when the connection broke may be lost); a wrong offset would have failed the
    // sha256 check and shown as a third, whole transfer
    const weightGets = hub.fileRequests('model.safetensors').filter((r) => r.path.startsWith('/cdn/'));
    expect(weightGets).toHaveLength(2);
    expect(weightGets[0]!.range).toBeUndefined();
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(weightGets[1]!.range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(weights.length / 2);
    // the corrupted file was fetched again from the start
    expect(hub.fileRequests('shards/part-2.bin').filter((r) => r.path.startsWith('/cdn/')).map((r) => r.range)).toEqual([undefined, undefined]);
    // the token goes to the hub, never to the CDN it redirects to
    expect(hub.requests.filter((r) => r.path.startsWith('/api/') || r.path.includes('/resolve/')).every((r) => r.authorization === `Bearer ${HF_TOKEN}`)).toBe(true);
    expect(hub.requests.filter((r) => r.path.startsWith('/cdn/')).every((r) => r.authorization === undefined && r.host.startsWith('localhost'))).toBe(true);
    // README.md was excluded; nothing is left as .partial
    const files = path.join(dataDir, 'models', 'tiny', 'files');
    expect(await readFile(path.join(files, 'model.safetensors'))).toEqual(weights);
    expect(await readFile(path.join(files, 'shards', 'part-2.bin'))).toEqual(shard);
    expect(await readFile(path.join(files, 'config.json'))).toEqual(config);
    expect((await readdir(files)).sort()).toEqual(['config.json', 'model.safetensors', 'shards']);

    const status = await api.status('tiny');
    expect(status).toMatchObject({ state: 'stopped', download: { state: 'done' } });
    // the events stream of a finished download: snapshot then the final event
    const again = await readEvents(`${host.url}/api/local/models/tiny/download/events`);
    expect(again.events.map((e) => e.event)).toEqual(['snapshot', 'done']);

    const metrics = await (await fetch(`${host.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(metrics).toMatch(/aigw_model_host_download_bytes_total\{model="tiny"\} \d+/);
  });

  it('aborts a stalled transfer and resumes it with Range', async () => {
    const big = randomBytes(128 * KiB);
    hub.addRepo('acme/stall', [{ path: 'big.bin', content: big, lfs: true }]);
    hub.once.set('big.bin', 'stall');
    await api.post('/api/local/models', { id: 'stall', name: 'Stall', runtime: 'reference', source: { type: 'hf', repo: 'acme/stall' } });
    expect((await api.post('/api/local/models/stall/download')).status).toBe(202);
    const status = await api.waitFor('stall', (s) => s.download.state === 'done', 20_000);
    expect(status.state).toBe('stopped');
    expect(hub.fileRequests('big.bin').filter((r) => r.path.startsWith('/cdn/')).map((r) => r.range)).toEqual([undefined, `bytes=${big.length / 2}-`]);
    expect(await readFile(path.join(dataDir, 'models', 'stall', 'files', 'big.bin'))).toEqual(big);
  });

  it('refuses a listing with a file name that escapes the model directory, writing nothing', async () => {
    hub.addRepo('evil/escape', [{ path: 'ok.txt', content: Buffer.from('fine') }], ['../../../escaped.txt']);
    await api.post('/api/local/models', { id: 'escape', name: 'Escape', runtime: 'reference', source: { type: 'hf', repo: 'evil/escape' } });
    const res = await api.post('/api/local/models/escape/download');
    expect(res.status).toBe(502);
    expect(res.body).toEqual(openAiError('unsafe_file_name', 'upstream_error'));
    expect(res.body.error.message).toContain('../../../escaped.txt');
    expect(await readdir(path.join(dataDir, 'models', 'escape', 'files'))).toEqual([]);
    await expect(stat(path.join(dataDir, 'escaped.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    const status = await api.status('escape');
    expect(status).toMatchObject({ state: 'not_downloaded', download: { state: 'failed', error: expect.stringContaining('outside the model directory') } });
  });

  it('refuses to write through a symlink planted in the model directory', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'aigw-mh-outside-'));
    try {
      hub.addRepo('evil/link', [{ path: 'sub/weights.bin', content: randomBytes(1000), lfs: true }]);
      await api.post('/api/local/models', { id: 'link', name: 'Link', runtime: 'reference', source: { type: 'hf', repo: 'evil/link' } });
      const files = path.join(dataDir, 'models', 'link', 'files');
      await mkdir(files, { recursive: true });
      await symlink(outside, path.join(files, 'sub'));
      expect((await api.post('/api/local/models/link/download')).status).toBe(202);
      const status = await api.waitFor('link', (s) => s.download.state === 'failed');
      expect(status.download.error).toContain('outside the model directory');
      expect(status.state).toBe('not_downloaded');
      expect(await readdir(outside)).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('downloads a plain URL and checks its sha256', async () => {
    const blob = randomBytes(10 * KiB);
    hub.addRepo('plain/files', [{ path: 'blob.gguf', content: blob }]);
    const created = await api.post('/api/local/models', {
      id: 'plain',
      name: 'Plain',
      runtime: 'reference',
      source: { type: 'url', url: `${hub.url}/plain/blob.gguf`, sha256: hubSha256(blob) },
    });
    expect(created.status).toBe(201);
    expect((await api.post('/api/local/models/plain/download')).status).toBe(202);
    const status = await api.waitFor('plain', (s) => s.download.state === 'done');
    expect(status.download.files).toEqual([expect.objectContaining({ path: 'blob.gguf', size: blob.length, sha256: hubSha256(blob), state: 'done' })]);
    expect(await readFile(path.join(dataDir, 'models', 'plain', 'files', 'blob.gguf'))).toEqual(blob);
  });

  it('fails a URL whose sha256 never matches, after bounded retries, and never marks it done', async () => {
    hub.addRepo('plain/wrong', [{ path: 'wrong.bin', content: randomBytes(2 * KiB) }]);
    await api.post('/api/local/models', {
      id: 'wrong',
      name: 'Wrong',
      runtime: 'reference',
      source: { type: 'url', url: `${hub.url}/plain/wrong.bin`, sha256: 'a'.repeat(64) },
    });
    await api.post('/api/local/models/wrong/download');
    const status = await api.waitFor('wrong', (s) => s.download.state === 'failed');
    expect(status.state).toBe('not_downloaded');
    expect(status.download.error).toContain('sha256 mismatch');
    // the first transfer and DOWNLOAD_RETRIES=2 more, each one whole (a corrupt file is deleted)
    expect(hub.requests.filter((r) => r.method === 'GET' && r.path === '/plain/wrong.bin').map((r) => r.range)).toEqual([undefined, undefined, undefined]);
    expect(status.download.files).toEqual([expect.objectContaining({ path: 'wrong.bin', state: 'failed', attempts: 3 })]);
    expect(await readdir(path.join(dataDir, 'models', 'wrong', 'files'))).toEqual([]);
    const start = await api.post('/api/local/models/wrong/start');
    expect(start.status).toBe(409);
    expect(start.body).toEqual(openAiError('invalid_model_state', 'invalid_request_error'));
  });

  it('cancels a download, keeping the partial file for a later resume', async () => {
    const big = randomBytes(64 * KiB);
    hub.addRepo('acme/cancel', [{ path: 'slow.bin', content: big, lfs: true }]);
    hub.once.set('slow.bin', 'stall');
    await api.post('/api/local/models', { id: 'cancel', name: 'Cancel', runtime: 'reference', source: { type: 'hf', repo: 'acme/cancel' } });
    await api.post('/api/local/models/cancel/download');
    await api.waitFor('cancel', (s) => s.download.bytes_done >= big.length / 2);
    const cancelled = await api.post('/api/local/models/cancel/download/cancel');
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toMatchObject({ state: 'not_downloaded', download: { state: 'cancelled' } });
    expect((await stat(path.join(dataDir, 'models', 'cancel', 'files', 'slow.bin.partial'))).size).toBe(big.length / 2);
    // a new download continues where the cancelled one stopped
    await api.post('/api/local/models/cancel/download');
    await api.waitFor('cancel', (s) => s.download.state === 'done');
    expect(hub.fileRequests('slow.bin').filter((r) => r.path.startsWith('/cdn/')).at(-1)!.range).toBe(`bytes=${big.length / 2}-`);
  });

  it('answers 404 for a repository the hub does not have', async () => {
    await api.post('/api/local/models', { id: 'missing', name: 'Missing', runtime: 'reference', source: { type: 'hf', repo: 'acme/nope' } });
    const res = await api.post('/api/local/models/missing/download');
    expect(res.status).toBe(404);
    expect(res.body).toEqual(openAiError('not_found', 'not_found_error'));
  });
});

describe('a download interrupted by a model host killed with SIGKILL', () => {
  const hub = new FakeHub();
  let dataDir: string;

  beforeAll(async () => {
    await hub.start();
    dataDir = await mkdtemp(path.join(tmpdir(), 'aigw-mh-dl2-'));
  });
  afterAll(async () => {
    await hub.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('resumes at the next start from the partial file, with Range', async () => {
    const big = randomBytes(200 * KiB);
    hub.addRepo('acme/restart', [{ path: 'weights.bin', content: big, lfs: true }]);
    hub.once.set('weights.bin', 'stall');
    const env = { DATA_DIR: dataDir, MODEL_HOST_TOKEN: TOKEN, HF_ENDPOINT: hub.url, DOWNLOAD_STALL_TIMEOUT_S: '60', MIN_FREE_DISK_MB: '0' };
    const first = await startModelHost(env);
    const api1 = hostApi(first);
    await api1.post('/api/local/models', { id: 'restart', name: 'Restart', runtime: 'reference', source: { type: 'hf', repo: 'acme/restart' } });
    await api1.post('/api/local/models/restart/download');
    await api1.waitFor('restart', (s) => s.download.bytes_done >= big.length / 2);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startModelHost(env);
    try {
      const api2 = hostApi(second);
      const status = await api2.waitFor('restart', (s) => s.download.state === 'done');
      expect(status.state).toBe('stopped');
      expect(hub.fileRequests('weights.bin').filter((r) => r.path.startsWith('/cdn/')).map((r) => r.range)).toEqual([undefined, `bytes=${big.length / 2}-`]);
      expect(await readFile(path.join(dataDir, 'models', 'restart', 'files', 'weights.bin'))).toEqual(big);
    } finally {
      await second.stop();
    }
  });
});
