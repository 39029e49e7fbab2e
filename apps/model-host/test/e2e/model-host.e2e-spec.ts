import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runModelHostToExit, startModelHost, type ModelHostProcess } from '@aigw/testkit/model-host-process';

const TOKEN = 'e2e-model-host-token-0123456789';
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const invalidToken = { error: { message: expect.any(String), type: 'authentication_error', param: null, code: 'invalid_token' } };

/** Real-format output of `nvidia-smi --query-gpu=index,name,memory.total,memory.used,utilization.gpu --format=csv,noheader,nounits`. */
const NVIDIA_SMI_OUTPUT = '0, NVIDIA A100-SXM4-80GB, 81920, 1234, 7\n1, NVIDIA A100-SXM4-80GB, 81920, 40321, 93\n';

const tempDirs: string[] = [];
const tempDir = async (prefix: string) => {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('model host on a CPU-only machine, token from the environment', () => {
  let host: ModelHostProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await tempDir('aigw-mh-');
    // PATH without nvidia-smi, whatever the machine running the tests has
    host = await startModelHost({ DATA_DIR: dataDir, MODEL_HOST_TOKEN: TOKEN, PATH: path.dirname(process.execPath) });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('answers /health without a token', async () => {
    const res = await fetch(`${host.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(await res.json()).toEqual({
      status: 'ok',
      version: '0.1.0',
      uptime_s: expect.any(Number),
      gpu_mode: 'cpu-only',
      models_dir: path.join(dataDir, 'models'),
    });
    expect((await stat(path.join(dataDir, 'models'))).isDirectory()).toBe(true);
  });

  it.each(['/api/gpus', '/metrics', '/api/local/models'])('refuses %s without a token: 401 with the OpenAI error body', async (p) => {
    const res = await fetch(`${host.url}${p}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toEqual(invalidToken);
  });

  it.each([`Bearer ${TOKEN}x`, 'Bearer wrong', `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`, TOKEN])(
    'refuses a wrong token (%s): 401',
    async (header) => {
      const res = await fetch(`${host.url}/api/gpus`, { headers: { authorization: header } });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(invalidToken);
    },
  );

  it('lists no GPUs with the right token', async () => {
    const res = await fetch(`${host.url}/api/gpus`, { headers: auth(TOKEN) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: [] });
  });

  it('serves Prometheus metrics with the right token', async () => {
    const res = await fetch(`${host.url}/metrics`, { headers: auth(TOKEN) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/aigw_model_host_http_requests_total\{route="\/api\/gpus",method="GET",status="200"\} \d+/);
    expect(text).toMatch(/aigw_model_host_http_requests_total\{route="\/api\/gpus",method="GET",status="401"\} \d+/);
  });

  it('answers an unknown path with a 404 error body once authorised', async () => {
    const res = await fetch(`${host.url}/api/nothing-here`, { headers: auth(TOKEN) });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { message: expect.any(String), type: 'not_found_error', param: null, code: 'not_found' } });
  });

  it('writes no token file when MODEL_HOST_TOKEN is set', async () => {
    await expect(stat(path.join(dataDir, 'model-host-token'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await host.stop()).toBe(0);
    expect(host.output()).toContain('"msg":"stopped"');
  });
});

describe('model host on an NVIDIA machine (a fake nvidia-smi first on PATH)', () => {
  let host: ModelHostProcess;

  beforeAll(async () => {
    const bin = await tempDir('aigw-mh-bin-');
    const script = path.join(bin, 'nvidia-smi');
    await writeFile(script, `#!/bin/sh\ncat <<'EOF'\n${NVIDIA_SMI_OUTPUT}EOF\n`);
    await chmod(script, 0o755);
    host = await startModelHost({ DATA_DIR: await tempDir('aigw-mh-'), MODEL_HOST_TOKEN: TOKEN, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('reports gpu_mode nvidia on /health', async () => {
    const res = await fetch(`${host.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', gpu_mode: 'nvidia' });
  });

  it('lists the GPUs nvidia-smi reports', async () => {
    const res = await fetch(`${host.url}/api/gpus`, { headers: auth(TOKEN) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: [
        { index: 0, name: 'NVIDIA A100-SXM4-80GB', memory_total_mb: 81920, memory_used_mb: 1234, utilization_pct: 7 },
        { index: 1, name: 'NVIDIA A100-SXM4-80GB', memory_total_mb: 81920, memory_used_mb: 40321, utilization_pct: 93 },
      ],
    });
  });

  it('still refuses /api/gpus without the token', async () => {
    const res = await fetch(`${host.url}/api/gpus`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(invalidToken);
  });
});

describe('model host with an nvidia-smi that fails (driver not loaded)', () => {
  let host: ModelHostProcess;

  beforeAll(async () => {
    const bin = await tempDir('aigw-mh-bin-');
    const script = path.join(bin, 'nvidia-smi');
    const message = "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.";
    await writeFile(script, `#!/bin/sh\necho "${message}"\nexit 9\n`);
    await chmod(script, 0o755);
    host = await startModelHost({ DATA_DIR: await tempDir('aigw-mh-'), MODEL_HOST_TOKEN: TOKEN, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('reports cpu-only on /health', async () => {
    const res = await fetch(`${host.url}/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', gpu_mode: 'cpu-only' });
  });

  it('answers /api/gpus with 503 and the reason', async () => {
    const res = await fetch(`${host.url}/api/gpus`, { headers: auth(TOKEN) });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { message: expect.stringContaining("couldn't communicate with the NVIDIA driver"), type: 'server_error', param: null, code: 'service_unavailable' },
    });
  });
});

describe('model host without MODEL_HOST_TOKEN', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await tempDir('aigw-mh-');
  });

  it('generates a token file with mode 0600, logs its path but not the token, and keeps it across restarts', async () => {
    const first = await startModelHost({ DATA_DIR: dataDir });
    const file = path.join(dataDir, 'model-host-token');
    try {
      const info = await stat(file);
      expect(info.mode & 0o777).toBe(0o600);
      const token = (await readFile(file, 'utf8')).trim();
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(first.output()).toContain(file);
      expect(first.output()).not.toContain(token);

      expect((await fetch(`${first.url}/api/gpus`, { headers: auth(token) })).status).toBe(200);
      expect((await fetch(`${first.url}/api/gpus`, { headers: auth(TOKEN) })).status).toBe(401);
    } finally {
      await first.stop();
    }

    const token = (await readFile(file, 'utf8')).trim();
    const second = await startModelHost({ DATA_DIR: dataDir });
    try {
      expect((await fetch(`${second.url}/api/gpus`, { headers: auth(token) })).status).toBe(200);
      expect((await readFile(file, 'utf8')).trim()).toBe(token);
    } finally {
      await second.stop();
    }
  });
});

describe('model host with a bad configuration', () => {
  it.each([
    ['PORT_RANGE', '20999-20000'],
    ['PORT_RANGE', '80-90'],
    ['PORT', 'not-a-port'],
    ['HF_ENDPOINT', 'huggingface'],
    ['MAX_CONCURRENT_DOWNLOADS', '64'],
  ])('exits 1 with one line naming %s (%s)', async (name, value) => {
    const dataDir = await tempDir('aigw-mh-');
    const result = await runModelHostToExit({ DATA_DIR: dataDir, [name]: value });
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${name} `));
    expect(lines[0]).not.toContain(value);
    expect(result.stdout).toBe('');
    // it stopped before doing anything: no token generated
    await expect(stat(path.join(dataDir, 'model-host-token'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
