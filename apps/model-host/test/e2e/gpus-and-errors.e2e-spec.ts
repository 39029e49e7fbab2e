import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeRange, hostApi, isAlive, occupy, openAiError, TOKEN } from './helpers.js';
import { startModelHost, type ModelHostProcess } from '@aigw/testkit/model-host-process';

/** Real-format `nvidia-smi --query-gpu=index,name,memory.total,memory.used,utilization.gpu --format=csv,noheader,nounits`: GPU 0 nearly full. */
const GPUS = '0, NVIDIA A100-SXM4-80GB, 81920, 80000, 99\n1, NVIDIA A100-SXM4-80GB, 81920, 1024, 0\n';

describe('GPU assignment with a fake nvidia-smi on PATH', () => {
  let host: ModelHostProcess;
  let dir: string;
  let appsFile: string;
  let api: ReturnType<typeof hostApi>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aigw-mh-gpu-'));
    const bin = path.join(dir, 'bin');
    appsFile = path.join(dir, 'compute-apps.csv');
    await writeFile(appsFile, '');
    await import('node:fs/promises').then((fs) => fs.mkdir(bin));
    // --query-compute-apps=pid,used_memory prints what the test wrote into the file, in nvidia-smi's format
    await writeFile(
      path.join(bin, 'nvidia-smi'),
      `#!/bin/sh\ncase "$1" in\n  --query-compute-apps=*) cat '${appsFile}' ;;\n  --query-gpu=*) printf '${GPUS.replace(/\n/g, '\\n')}' ;;\n  *) echo "unexpected arguments: $*" >&2; exit 2 ;;\nesac\n`,
    );
    await chmod(path.join(bin, 'nvidia-smi'), 0o755);
    const base = await freeRange(3);
    host = await startModelHost({
      DATA_DIR: path.join(dir, 'data'),
      MODEL_HOST_TOKEN: TOKEN,
      PORT_RANGE: `${base}-${base + 2}`,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      STOP_GRACE_S: '2',
    });
    api = hostApi(host);
  });
  afterAll(async () => {
    await host?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('"auto" picks the GPU with room for the estimate and sets CUDA_VISIBLE_DEVICES; nvidia-smi reports its memory', async () => {
    expect((await fetch(`${host.url}/health`).then((r) => r.json() as Promise<any>)).gpu_mode).toBe('nvidia');
    await api.post('/api/local/models', { id: 'gpu', name: 'GPU', runtime: 'reference', settings: { memory_mb: 20000 } });
    const start = await api.post('/api/local/models/gpu/start');
    expect(start.status).toBe(202);
    const status = await api.waitFor('gpu', (s) => s.state === 'running');
    expect(status).toMatchObject({ gpus: [1], cuda_visible_devices: '1', gpu_memory_mb: 0 });
    // the process itself got the variable
    const health = await fetch(`http://127.0.0.1:${status.port}/health`).then((r) => r.json() as Promise<any>);
    expect(health.cuda_visible_devices).toBe('1');
    expect(await api.logs('gpu')).toContain(`stdout reference worker pid ${status.pid}, model gpu, CUDA_VISIBLE_DEVICES=1`);

    await writeFile(appsFile, `${status.pid}, 20480\n999999, 1000\n`);
    const withMemory = await api.waitFor('gpu', (s) => s.gpu_memory_mb === 20480, 10_000);
    expect(withMemory.gpus).toEqual([1]);
    await api.post('/api/local/models/gpu/stop');
    await api.waitFor('gpu', (s) => s.state === 'stopped');
    expect(isAlive(status.pid)).toBe(false);
  });

  it('refuses a model too big for every GPU: 409 insufficient_gpu_memory', async () => {
    await api.post('/api/local/models', { id: 'huge', name: 'Huge', runtime: 'reference', settings: { memory_mb: 100_000 } });
    const res = await api.post('/api/local/models/huge/start');
    expect(res.status).toBe(409);
    expect(res.body).toEqual(openAiError('insufficient_gpu_memory', 'invalid_request_error', 'settings.memory_mb'));
    expect(res.body.error.message).toContain('GPU 0: 1920 MiB free, GPU 1: 80896 MiB free');
    expect((await api.status('huge')).state).toBe('stopped');
  });

  it('refuses an explicit GPU without room, and a GPU id that does not exist', async () => {
    await api.post('/api/local/models', { id: 'pinned', name: 'Pinned', runtime: 'reference', settings: { gpus: [0], memory_mb: 20000 } });
    const full = await api.post('/api/local/models/pinned/start');
    expect(full.status).toBe(409);
    expect(full.body).toEqual(openAiError('insufficient_gpu_memory', 'invalid_request_error', 'settings.gpus'));
    await api.put('/api/local/models/pinned/settings', { gpus: [7] });
    const missing = await api.post('/api/local/models/pinned/start');
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual(openAiError('gpu_not_found', 'invalid_request_error', 'settings.gpus'));
    expect(missing.body.error.message).toBe('GPU 7 does not exist on this host: it has 0, 1');
  });

  it('runs on the CPU with an explicit empty GPU list (CUDA_VISIBLE_DEVICES empty)', async () => {
    await api.put('/api/local/models/pinned/settings', { gpus: [] });
    await api.post('/api/local/models/pinned/start');
    const status = await api.waitFor('pinned', (s) => s.state === 'running');
    expect(status).toMatchObject({ gpus: [], cuda_visible_devices: '' });
    const health = await fetch(`http://127.0.0.1:${status.port}/health`).then((r) => r.json() as Promise<any>);
    expect(health.cuda_visible_devices).toBe('');
    await api.post('/api/local/models/pinned/stop');
  });
});

describe('bad requests get clear 4xx errors with OpenAI bodies', () => {
  let host: ModelHostProcess;
  let dir: string;
  let api: ReturnType<typeof hostApi>;
  let blocker: NetServer;
  let files: Server;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aigw-mh-bad-'));
    const port = await freeRange(1);
    blocker = await occupy(port);
    files = createServer((req, res) => {
      res.writeHead(200, { 'content-length': 5_000_000 });
      res.end(req.method === 'HEAD' ? undefined : Buffer.alloc(5_000_000));
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    // a CPU-only host (no nvidia-smi on PATH), one port that another program holds, a disk that must keep 10 TB free
    host = await startModelHost({
      DATA_DIR: dir,
      MODEL_HOST_TOKEN: TOKEN,
      PORT_RANGE: `${port}-${port}`,
      MIN_FREE_DISK_MB: '10000000',
      PATH: `${path.dirname(process.execPath)}${path.delimiter}/usr/bin${path.delimiter}/bin`,
    });
    api = hostApi(host);
  });
  afterAll(async () => {
    await host?.stop();
    blocker?.close();
    files?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('unknown runtime: 400 naming the field', async () => {
    const res = await api.post('/api/local/models', { name: 'X', runtime: 'tensorrt' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(openAiError('invalid_request', 'invalid_request_error', 'runtime'));
    expect(res.body.error.message).toContain('reference, vllm, llama-cpp, tei, sglang, python, custom');
  });

  it.each([
    [{ name: 'X', runtime: 'custom' }, 'settings.command'],
    [{ name: 'X', runtime: 'custom', settings: { command: ['/bin/server', '--port', '{prot}'] } }, 'settings.command.2'],
    [{ name: 'X', runtime: 'reference', settings: { env: { MODEL: '{model}' } } }, 'settings.env.MODEL'],
    [{ name: 'X', runtime: 'python', settings: { script: '../../etc/evil.py' } }, 'settings.script'],
    [{ name: 'X', runtime: 'reference', settings: { gpus: 'all' } }, 'settings.gpus'],
    [{ name: 'X', runtime: 'reference', settings: { restart: { policy: 'sometimes' } } }, 'settings.restart.policy'],
    [{ name: 'X', runtime: 'reference', source: { type: 'hf', repo: '../etc' } }, 'source.repo'],
    [{ name: 'X', runtime: 'reference', source: { type: 'path', path: '/definitely/not/here' } }, 'source.path'],
    [{ id: '../x', name: 'X', runtime: 'reference' }, 'id'],
  ])('refuses %j: 400 with param %s', async (body, param) => {
    const res = await api.post('/api/local/models', body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(openAiError('invalid_request', 'invalid_request_error', param));
  });

  it('bad GPU id on a CPU-only host: 400 gpu_not_found', async () => {
    await api.post('/api/local/models', { id: 'gpu-on-cpu', name: 'G', runtime: 'reference', settings: { gpus: [0] } });
    const res = await api.post('/api/local/models/gpu-on-cpu/start');
    expect(res.status).toBe(400);
    expect(res.body).toEqual(openAiError('gpu_not_found', 'invalid_request_error', 'settings.gpus'));
    expect(res.body.error.message).toContain('CPU-only');
    expect((await fetch(`${host.url}/health`).then((r) => r.json() as Promise<any>)).gpu_mode).toBe('cpu-only');
  });

  it('port range exhausted: 409 no_free_port', async () => {
    await api.post('/api/local/models', { id: 'no-port', name: 'N', runtime: 'reference' });
    const res = await api.post('/api/local/models/no-port/start');
    expect(res.status).toBe(409);
    expect(res.body).toEqual(openAiError('no_free_port', 'invalid_request_error'));
    expect(res.body.error.message).toMatch(/^No free port in PORT_RANGE \d+-\d+: 0 held by models, 1 taken by other programs$/);
    expect((await api.status('no-port')).state).toBe('stopped');
  });

  it('not enough disk: 409 insufficient_disk_space before anything is fetched', async () => {
    const { port } = files.address() as { port: number };
    await api.post('/api/local/models', { id: 'big', name: 'Big', runtime: 'reference', source: { type: 'url', url: `http://127.0.0.1:${port}/weights.bin` } });
    const res = await api.post('/api/local/models/big/download');
    expect(res.status).toBe(409);
    expect(res.body).toEqual(openAiError('insufficient_disk_space', 'invalid_request_error'));
    expect(res.body.error.message).toMatch(/needs 4\.8 MiB more, .* MiB are free and 10000000\.0 MiB must stay free \(MIN_FREE_DISK_MB\)$/);
    expect((await api.status('big')).state).toBe('not_downloaded');
  });

  it('start before the download, unknown model, duplicate id, bad settings body', async () => {
    const early = await api.post('/api/local/models/big/start');
    expect(early.status).toBe(409);
    expect(early.body).toEqual(openAiError('invalid_model_state', 'invalid_request_error'));
    expect(early.body.error.message).toBe('Cannot start model "big" while it is not downloaded');

    const unknown = await api.get('/api/local/models/ghost/status');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(openAiError('local_model_not_found', 'not_found_error'));

    const dup = await api.post('/api/local/models', { id: 'big', name: 'Again', runtime: 'reference' });
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual(openAiError('local_model_exists', 'invalid_request_error', 'id'));

    const badSettings = await api.put('/api/local/models/big/settings', { readiness_timeout_s: 0 });
    expect(badSettings.status).toBe(400);
    expect(badSettings.body).toEqual(openAiError('invalid_request', 'invalid_request_error', 'readiness_timeout_s'));
    const unknownField = await api.put('/api/local/models/big/settings', { turbo: true });
    expect(unknownField.status).toBe(400);
    const nothingToDownload = await api.post('/api/local/models/no-port/download');
    expect(nothingToDownload.status).toBe(400);
    expect(nothingToDownload.body).toEqual(openAiError('invalid_request', 'invalid_request_error', 'source'));
  });
});
