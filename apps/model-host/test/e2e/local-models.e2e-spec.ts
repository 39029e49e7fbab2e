import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, freeRange, hostApi, isAlive, occupy, openAiError, portFree, TOKEN, waitUntil } from './helpers.js';
import { startModelHost, type ModelHostProcess } from '@aigw/testkit/model-host-process';

const messages = [{ role: 'user' as const, content: 'Say something about the quick brown fox' }];

describe('reference workers as real Python processes behind the model host', () => {
  let host: ModelHostProcess;
  let dataDir: string;
  let api: ReturnType<typeof hostApi>;
  let client: OpenAI;
  let base: number;
  let blocker: Server;
  const pids: number[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'aigw-mh-run-'));
    base = await freeRange(6);
    // another program holds the first port of the range
    blocker = await occupy(base);
    host = await startModelHost({ DATA_DIR: dataDir, MODEL_HOST_TOKEN: TOKEN, PORT_RANGE: `${base}-${base + 5}`, RESTART_BACKOFF_MS: '200', STOP_GRACE_S: '2', LIVENESS_INTERVAL_S: '1' });
    api = hostApi(host);
    client = new OpenAI({ baseURL: `${host.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  afterAll(async () => {
    await host?.stop();
    blocker?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts a worker on the next free port when the first is taken, and probes it until ready', async () => {
    const created = await api.post('/api/local/models', { name: 'Reference Chat', runtime: 'reference', settings: { served_name: 'ref-chat', restart: { policy: 'on-failure', max_retries: 3 } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'reference-chat', served_name: 'ref-chat', state: 'stopped', runtime: 'reference' });
    const start = await api.post('/api/local/models/reference-chat/start');
    expect(start.status).toBe(202);
    expect(start.body.state).toMatch(/^(starting|running)$/);
    const status = await api.waitFor('reference-chat', (s) => s.state === 'running');
    expect(status).toMatchObject({ port: base + 1, restarts: 0, last_error: null, gpus: [], cuda_visible_devices: null, served_name: 'ref-chat' });
    expect(status.pid).toBeGreaterThan(1);
    expect(status.uptime_s).toBeGreaterThanOrEqual(0);
    expect(status.rss_mb).toBeGreaterThan(1);
    expect(status.cpu_pct).toBeGreaterThanOrEqual(0);
    expect(status.gpu_memory_mb).toBeNull();
    pids.push(status.pid);
    const logs = await api.logs('reference-chat');
    expect(logs.some((l) => l.startsWith(`host starting on port ${base + 1}`))).toBe(true);
    expect(logs.some((l) => l.startsWith('host ready after'))).toBe(true);
    expect(logs).toContain(`stdout listening on http://127.0.0.1:${base + 1}`);
  });

  it('proxies chat completions, plain and streamed, through the official client', async () => {
    const plain = await client.chat.completions.create({ model: 'ref-chat', messages });
    expect(plain).toMatchObject({ object: 'chat.completion', model: 'ref-chat', choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'stop' }] });
    expect(plain.choices[0]!.message.content).toMatch(/^[A-Z]\w*( \w+)+\.$/);
    // deterministic: the same prompt, the same answer, streamed or not
    const stream = await client.chat.completions.create({ model: 'ref-chat', messages, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage: unknown;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(plain.choices[0]!.message.content);
    expect(chunks).toBeGreaterThan(5);
    expect(usage).toEqual(plain.usage);
    // the model's id works as well as its served name
    const byId = await client.chat.completions.create({ model: 'reference-chat', messages, max_tokens: 2 });
    expect(byId.choices[0]!.finish_reason).toBe('length');
  });

  it('streams without buffering: the first event arrives before the last is produced', async () => {
    // a second worker whose tokens come slowly
    await api.post('/api/local/models', { id: 'slow', name: 'Slow', runtime: 'reference', settings: { args: ['--token-delay-ms', '300'] } });
    await api.post('/api/local/models/slow/start');
    const status = await api.waitFor('slow', (s) => s.state === 'running');
    pids.push(status.pid);
    const started = Date.now();
    const res = await fetch(`${host.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'slow', messages, stream: true, max_tokens: 8 }),
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const first = await reader.read();
    const firstAt = Date.now() - started;
    expect(new TextDecoder().decode(first.value)).toContain('chat.completion.chunk');
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    const totalAt = Date.now() - started;
    expect(rest).toContain('data: [DONE]');
    expect(totalAt - firstAt).toBeGreaterThan(1500);

    // a client that goes away mid-stream aborts the request to the model (which then fails to write)
    const controller = new AbortController();
    const cut = await fetch(`${host.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'slow', messages: [{ role: 'user', content: 'another prompt' }], stream: true }),
      signal: controller.signal,
    });
    await cut.body!.getReader().read();
    controller.abort();
    await waitUntil('the worker saw the client go away', async () => (await api.logs('slow', 20)).includes('stderr client went away'), 10_000);
    await api.post('/api/local/models/slow/stop');
    await api.waitFor('slow', (s) => s.state === 'stopped');
  });

  it('proxies completions, embeddings (base64 by default in the client) and rerank, and the /local aliases', async () => {
    const completion = await client.completions.create({ model: 'ref-chat', prompt: 'Once upon a time', max_tokens: 5 });
    expect(completion).toMatchObject({ object: 'text_completion', choices: [{ index: 0, finish_reason: 'length' }] });

    const emb = await client.embeddings.create({ model: 'ref-chat', input: ['the quick brown fox', 'the quick brown foxes', 'quarterly stock market report'] });
    expect(emb.data).toHaveLength(3);
    const [a, b, c] = emb.data.map((d) => d.embedding);
    expect(a).toHaveLength(256);
    expect(cosine(a!, a!)).toBeCloseTo(1, 4);
    expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!) + 0.2);
    const floats = await client.embeddings.create({ model: 'ref-chat', input: 'the quick brown fox', encoding_format: 'float', dimensions: 64 });
    expect(floats.data[0]!.embedding).toHaveLength(64);

    const rerank = await api.post('/v1/rerank', { model: 'ref-chat', query: 'brown fox', documents: ['a lazy dog', 'the quick brown fox jumps', { text: 'a fox' }], top_n: 2 });
    expect(rerank.status).toBe(200);
    expect(rerank.body).toMatchObject({ model: 'ref-chat', results: [{ index: 1, document: { text: 'the quick brown fox jumps' } }, { index: 2 }] });
    expect(rerank.body.results[0].relevance_score).toBeGreaterThan(rerank.body.results[1].relevance_score);

    const local = await api.post('/local/chat/completions', { model: 'ref-chat', messages });
    expect(local.status).toBe(200);
    expect(local.body.object).toBe('chat.completion');
    const localEmb = await api.post('/local/embeddings', { model: 'ref-chat', input: 'hello' });
    expect(localEmb.body.data[0].embedding).toHaveLength(256);
    expect((await api.post('/local/completions', { model: 'ref-chat', prompt: 'hi' })).body.object).toBe('text_completion');
    for (const p of ['/v1/models', '/local/models']) {
      const models = await api.get(p);
      expect(models.body).toEqual({ object: 'list', data: [{ id: 'ref-chat', object: 'model', created: expect.any(Number), owned_by: 'model-host', root: 'reference-chat', runtime: 'reference' }] });
    }
  });

  it('answers OpenAI errors for unknown and stopped models, and 401 without the token', async () => {
    const unknown = await api.post('/v1/chat/completions', { model: 'nope', messages });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(openAiError('model_not_found', 'invalid_request_error', 'model'));
    const stopped = await api.post('/v1/embeddings', { model: 'slow', input: 'x' });
    expect(stopped.status).toBe(404);
    expect(stopped.body.error.message).toContain('not running');
    const noModel = await api.post('/v1/chat/completions', { messages });
    expect(noModel.status).toBe(400);
    expect(noModel.body).toEqual(openAiError('invalid_request', 'invalid_request_error', 'model'));
    const anonymous = await fetch(`${host.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'ref-chat', messages }) });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual(openAiError('invalid_token', 'authentication_error'));
  });

  it('refuses a settings change while running: 409', async () => {
    const res = await api.put('/api/local/models/reference-chat/settings', { args: ['--dim', '8'] });
    expect(res.status).toBe(409);
    expect(res.body).toEqual(openAiError('invalid_model_state', 'invalid_request_error'));
    expect(res.body.error.message).toContain('running');
  });

  it('restarts a worker killed with SIGKILL, with backoff, and keeps its last log lines', async () => {
    const before = await api.status('reference-chat');
    process.kill(before.pid, 'SIGKILL');
    const after = await api.waitFor('reference-chat', (s) => s.state === 'running' && s.pid !== null && s.pid !== before.pid);
    expect(after).toMatchObject({ restarts: 1, last_error: 'process killed by SIGKILL', last_exit: { code: null, signal: 'SIGKILL' } });
    pids.push(after.pid);
    const logs = await api.logs('reference-chat', 20);
    const killed = logs.indexOf('host process killed by SIGKILL');
    expect(killed).toBeGreaterThanOrEqual(0);
    expect(logs[killed + 1]).toMatch(/^host (killed what was left of the process group|restarting in 0\.2 s \(restart 1 of at most 3\))$/);
    expect(logs.slice(killed).some((l) => l === 'host restarting in 0.2 s (restart 1 of at most 3)')).toBe(true);
    // the worker's own lines from before the kill are there too
    expect(logs.slice(0, killed).some((l) => l.startsWith('stderr') && l.includes('POST /v1/'))).toBe(true);
    // the proxy follows the new process
    expect((await client.chat.completions.create({ model: 'ref-chat', messages })).object).toBe('chat.completion');
    const metrics = await (await fetch(`${host.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(metrics).toMatch(/aigw_model_host_model_restarts_total\{model="reference-chat"\} 1/);
    expect(metrics).toMatch(/aigw_model_host_models\{state="running"\} 1/);
  });

  it('kills and restarts a worker that is alive but no longer answers', async () => {
    const before = await api.status('reference-chat');
    // stopped, not dead: it holds its port and answers nothing
    process.kill(before.pid, 'SIGSTOP');
    const after = await api.waitFor('reference-chat', (s) => s.state === 'running' && s.pid !== null && s.pid !== before.pid);
    expect(after.restarts).toBe(before.restarts + 1);
    expect(isAlive(before.pid)).toBe(false);
    pids.push(after.pid);
    const logs = await api.logs('reference-chat', 30);
    expect(logs.some((l) => /^host hung: GET \S+ failed 3 checks in a row; killing the process group$/.test(l))).toBe(true);
    expect((await client.chat.completions.create({ model: 'ref-chat', messages })).object).toBe('chat.completion');
  });

  it('gives up after max_retries with the reason kept, and the crash lines stay readable', async () => {
    await api.post('/api/local/models', {
      id: 'crashy',
      name: 'Crashy',
      runtime: 'reference',
      settings: { args: ['--crash-after-s', '0.5'], restart: { policy: 'on-failure', max_retries: 2 } },
    });
    await api.post('/api/local/models/crashy/start');
    const failed = await api.waitFor('crashy', (s) => s.state === 'failed', 30_000);
    expect(failed).toMatchObject({ restarts: 2, pid: null, port: null, last_error: 'process exited with code 3; gave up after 2 restarts', last_exit: { code: 3, signal: null } });
    const logs = await api.logs('crashy', 200);
    expect(logs.filter((l) => l === 'stderr simulated crash after 0.5 s')).toHaveLength(3);
    // exponential backoff: 0.2 s, then 0.4 s
    expect(logs.filter((l) => l.startsWith('host restarting in'))).toEqual(['host restarting in 0.2 s (restart 1 of at most 2)', 'host restarting in 0.4 s (restart 2 of at most 2)']);
    // a failed model can be started again by hand
    expect((await api.post('/api/local/models/crashy/start')).status).toBe(202);
    await api.post('/api/local/models/crashy/stop');
    await api.waitFor('crashy', (s) => s.state === 'stopped');
  });

  it('fails a model that is not ready within readiness_timeout_s, and stops its process', async () => {
    await api.post('/api/local/models', { id: 'sleepy', name: 'Sleepy', runtime: 'reference', settings: { args: ['--startup-delay-s', '30'], readiness_timeout_s: 1 } });
    await api.post('/api/local/models/sleepy/start');
    const starting = await api.waitFor('sleepy', (s) => s.pid !== null);
    const failed = await api.waitFor('sleepy', (s) => s.state === 'failed');
    expect(failed.last_error).toMatch(/^not ready within 1 s \(GET \/health on port \d+\)$/);
    await waitUntil('the sleepy worker is gone', () => !isAlive(starting.pid));
    const busy = await api.post('/v1/chat/completions', { model: 'sleepy', messages });
    expect(busy.status).toBe(404);
  });

  it('stops a worker: SIGTERM to its process group, the port is free again', async () => {
    const { pid, port } = await api.status('reference-chat');
    const res = await api.post('/api/local/models/reference-chat/stop');
    expect(res.status).toBe(202);
    const stopped = await api.waitFor('reference-chat', (s) => s.state === 'stopped');
    expect(stopped).toMatchObject({ pid: null, port: null });
    expect(isAlive(pid)).toBe(false);
    expect(await portFree(port)).toBe(true);
    const logs = await api.logs('reference-chat', 4);
    // the worker's own line may come before or after the host sees it exit
    expect(logs[0]).toBe('host stopping: SIGTERM to the process group');
    expect(logs.slice(1, 3).sort()).toEqual(['host process exited with code 0', 'stdout SIGTERM received: exiting']);
    expect(logs[3]).toBe('host stopped');
  });

  it('kills with SIGKILL a worker that ignores SIGTERM, after STOP_GRACE_S', async () => {
    await api.post('/api/local/models', { id: 'stubborn', name: 'Stubborn', runtime: 'reference', settings: { args: ['--ignore-sigterm'] } });
    await api.post('/api/local/models/stubborn/start');
    const { pid } = await api.waitFor('stubborn', (s) => s.state === 'running');
    await api.post('/api/local/models/stubborn/stop');
    await api.waitFor('stubborn', (s) => s.state === 'stopped', 10_000);
    expect(isAlive(pid)).toBe(false);
    expect(await api.logs('stubborn', 4)).toEqual([
      'host stopping: SIGTERM to the process group',
      'host still running 2 s after SIGTERM: SIGKILL to the process group',
      'host process killed by SIGKILL',
      'host stopped',
    ]);
  });

  it('edits settings while stopped, and deletes a model with its files', async () => {
    const res = await api.put('/api/local/models/reference-chat/settings', { args: ['--dim', '8'], auto_start: true });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ args: ['--dim', '8'], auto_start: true, served_name: 'ref-chat' });
    expect((await api.get('/api/local/models/reference-chat/settings')).body.args).toEqual(['--dim', '8']);
    expect((await api.del('/api/local/models/crashy')).status).toBe(204);
    expect((await api.get('/api/local/models/crashy/status')).status).toBe(404);
    expect((await api.get('/api/local/models')).body.data.map((m: any) => m.id)).not.toContain('crashy');
  });

  it('stops every worker when the host stops', async () => {
    await api.post('/api/local/models/reference-chat/start');
    const { pid } = await api.waitFor('reference-chat', (s) => s.state === 'running');
    expect(await host.stop()).toBe(0);
    expect(isAlive(pid)).toBe(false);
    for (const p of pids) expect(isAlive(p)).toBe(false);
  });
});

describe('a model host killed with SIGKILL', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'aigw-mh-orphan-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves no orphan: the next start reclaims the old process group and frees its port', async () => {
    const base = await freeRange(3);
    const env = { DATA_DIR: dataDir, MODEL_HOST_TOKEN: TOKEN, PORT_RANGE: `${base}-${base + 2}`, STOP_GRACE_S: '2' };
    const first = await startModelHost(env);
    const api1 = hostApi(first);
    await api1.post('/api/local/models', { id: 'orphan', name: 'Orphan', runtime: 'reference' });
    await api1.post('/api/local/models', { id: 'again', name: 'Again', runtime: 'reference', settings: { auto_start: true } });
    await api1.post('/api/local/models/orphan/start');
    await api1.post('/api/local/models/again/start');
    const orphan = await api1.waitFor('orphan', (s) => s.state === 'running');
    const again = await api1.waitFor('again', (s) => s.state === 'running');
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    // the workers outlive the killed host, holding their ports
    expect(isAlive(orphan.pid)).toBe(true);
    expect(isAlive(again.pid)).toBe(true);
    expect(await portFree(orphan.port)).toBe(false);

    const second = await startModelHost(env);
    try {
      const api2 = hostApi(second);
      expect(isAlive(orphan.pid)).toBe(false);
      expect(isAlive(again.pid)).toBe(false);
      const status = await api2.status('orphan');
      expect(status).toMatchObject({ state: 'stopped', pid: null, reclaimed: { pid: orphan.pid, pgid: orphan.pid, port: orphan.port, processes: 1, at: expect.any(String) } });
      expect((await api2.logs('orphan', 5)).some((l) => l.startsWith(`host reclaimed an orphan left by a host that did not stop cleanly: 1 process of group ${orphan.pid}`))).toBe(true);
      expect(second.output()).toContain('reclaimed orphan model processes');
      // an auto_start model is started again, as a new process
      const restarted = await api2.waitFor('again', (s) => s.state === 'running');
      expect(restarted.pid).not.toBe(again.pid);
      expect(restarted.reclaimed).toMatchObject({ pid: again.pid });
      // the orphan's port was given back: free, or taken by the restarted model (the lowest free port)
      expect(restarted.port === orphan.port || (await portFree(orphan.port))).toBe(true);
      const metrics = await (await fetch(`${second.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      expect(metrics).toContain('aigw_model_host_orphans_reclaimed_total 2');
    } finally {
      await second.stop();
    }
  });
});
