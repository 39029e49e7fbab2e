import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { FakeHub, hubSha256 } from '@aigw/testkit/fake-hub';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { startModelHost, type ModelHostProcess } from '@aigw/testkit/model-host-process';

const HOST_TOKEN = 'e2e-gateway-model-host-token-0123456789';
const MODEL = 'tiny-chat';
const SERVED = 'tiny-chat-ref';

const openAiError = (code: string, type: string, param: string | null = null) => ({ error: { message: expect.any(String), type, param, code } });

/** Reads an SSE stream to its end: `[event name, data]` pairs. */
async function readEvents(res: Response): Promise<Array<[string, any]>> {
  const events: Array<[string, any]> = [];
  const text = await res.text();
  for (const block of text.split('\n\n')) {
    const name = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (name && data) events.push([name, JSON.parse(data)]);
  }
  return events;
}

async function waitFor<T>(what: string, read: () => Promise<T>, until: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

// Issue 5 item 8: a real model host with the Python reference worker and a fake Hugging Face hub,
// driven only through the gateway: register -> download -> start -> chat -> stop -> gone from routing.
describe('model hosts through the gateway', () => {
  const hub = new FakeHub();
  const weights = randomBytes(192 * 1024);
  const config = Buffer.from('{"architectures": ["Tiny"]}');
  let dataDir: string;
  let host: ModelHostProcess;
  let gateway: GatewayProcess;
  let admin: AdminClient;
  let key: string;
  let hostId: string;

  beforeAll(async () => {
    await hub.start();
    hub.addRepo('acme/tiny-chat', [
      { path: 'config.json', content: config },
      { path: 'model.safetensors', content: weights, lfs: true },
    ]);
    dataDir = await mkdtemp(path.join(tmpdir(), 'aigw-gw-mh-'));
    const base = 40_000 + Math.floor(Math.random() * 10_000);
    [host, gateway] = await Promise.all([
      startModelHost({ DATA_DIR: dataDir, MODEL_HOST_TOKEN: HOST_TOKEN, HF_ENDPOINT: hub.url, MIN_FREE_DISK_MB: '0', PORT_RANGE: `${base}-${base + 20}` }),
      startGateway({ storage: 'postgres', env: { MODEL_HOST_POLL_MS: '500' } }),
    ]);
    admin = await AdminClient.login(gateway.url);
    const created = await admin.post('/api/admin/keys', { name: 'local-models' });
    key = created.body.key;
  });

  afterAll(async () => {
    await gateway?.cleanup();
    await host?.stop();
    await hub.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const client = () => new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  const messages = [{ role: 'user' as const, content: 'hello local model' }];

  it('registers a host: health and GPUs shown, the token never returned', async () => {
    const res = await admin.post('/api/admin/model-hosts', { name: 'gpu-1', url: `${host.url}/`, token: HOST_TOKEN });
    expect(res.status).toBe(201);
    hostId = res.body.id;
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'gpu-1',
      url: host.url,
      has_token: true,
      health: { status: 'healthy', last_checked_at: expect.any(String), latency_ms: expect.any(Number), error: null, version: expect.any(String), gpu_mode: 'cpu-only' },
      gpus: [],
      running_models: [],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const list = await admin.get('/api/admin/model-hosts');
    // the background poll may have checked the host again in between: its health times move
    const { health, updated_at: _updated, ...stable } = res.body;
    expect(list.body).toEqual({
      data: [{ ...stable, updated_at: expect.any(String), health: { ...health, last_checked_at: expect.any(String), latency_ms: expect.any(Number) } }],
      has_more: false,
    });
    expect(list.text).not.toContain(HOST_TOKEN);
  });

  it('creates a model on the only host and downloads it, progress streamed through the gateway', async () => {
    const created = await admin.post('/api/local/models', {
      id: MODEL,
      name: 'Tiny chat',
      runtime: 'reference',
      source: { type: 'hf', repo: 'acme/tiny-chat' },
      settings: { served_name: SERVED },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: MODEL, served_name: SERVED, state: 'not_downloaded', host_id: hostId, host_name: 'gpu-1' });

    const events = fetch(`${gateway.url}/api/local/models/${MODEL}/download/events`, { headers: { authorization: `Bearer ${admin.token}` } });
    const res = await events;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const started = await admin.post(`/api/local/models/${MODEL}/download`);
    expect(started.status).toBe(202);
    const seen = await readEvents(res);
    expect(seen[0]![0]).toBe('snapshot');
    const [last, progress] = seen.at(-1)!;
    expect(last).toBe('done');
    expect(progress).toMatchObject({ state: 'done', bytes_done: weights.length + config.length, bytes_total: weights.length + config.length });
    expect(progress.files.find((f: { path: string }) => f.path === 'model.safetensors')).toMatchObject({ state: 'done', sha256: hubSha256(weights) });

    const status = await admin.get(`/api/local/models/${MODEL}/status`);
    expect(status.body).toMatchObject({ id: MODEL, state: 'stopped', host_id: hostId });
  });

  it('lets a viewer read but not start a model', async () => {
    await admin.post('/api/admin/users', { email: 'mh-viewer@test.local', password: 'viewer-password', role: 'viewer' });
    const viewer = await AdminClient.login(gateway.url, { email: 'mh-viewer@test.local', password: 'viewer-password' });
    expect((await viewer.get(`/api/local/models/${MODEL}/status`)).status).toBe(200);
    const start = await viewer.post(`/api/local/models/${MODEL}/start`);
    expect(start.status).toBe(403);
    expect(start.body).toEqual(openAiError('permission_denied', 'permission_error'));
    expect((await admin.get(`/api/local/models/${MODEL}/status`)).body.state).toBe('stopped');
  });

  it('starts the model, which becomes routable through /v1 (stream and not)', async () => {
    const unknownYet = await client()
      .chat.completions.create({ model: SERVED, messages })
      .catch((e: unknown) => e);
    expect(unknownYet).toMatchObject({ status: 404, code: 'model_not_found' });

    const start = await admin.post(`/api/local/models/${MODEL}/start`);
    expect(start.status).toBe(202);
    await waitFor('the model to run', async () => (await admin.get(`/api/local/models/${MODEL}/status`)).body, (s) => s.state === 'running');
    expect((await admin.get(`/api/admin/model-hosts/${hostId}`)).body.running_models).toEqual([{ id: MODEL, served_name: SERVED }]);

    const completion = await client().chat.completions.create({ model: SERVED, messages, max_tokens: 8 });
    expect(completion.choices[0]?.message.content).toEqual(expect.any(String));
    expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(completion.model).toBe(SERVED);

    const stream = await client().chat.completions.create({ model: SERVED, messages, max_tokens: 8, stream: true });
    const pieces: string[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) pieces.push(chunk.choices[0].delta.content);
    expect(pieces.length).toBeGreaterThan(1);
    // the reference worker is deterministic: same prompt, same answer
    expect(pieces.join('')).toBe(completion.choices[0]?.message.content);

    expect((await client().models.list()).data.map((m) => m.id)).toContain(SERVED);
  });

  it('shows the model in the aggregated list and its log lines', async () => {
    const list = await admin.get('/api/local/models');
    expect(list.status).toBe(200);
    expect(list.body.host_errors).toEqual([]);
    expect(list.body.data).toEqual([expect.objectContaining({ id: MODEL, state: 'running', host_id: hostId, host_name: 'gpu-1' })]);
    const logs = await admin.get(`/api/local/models/${MODEL}/logs?tail=50`);
    expect(logs.status).toBe(200);
    expect(logs.body.data.some((l: { stream: string; line: string }) => l.stream === 'host' && l.line.includes('ready'))).toBe(true);
  });

  it('passes a host error on as the host gave it: settings of a running model, 409', async () => {
    const res = await admin.request('PUT', `/api/local/models/${MODEL}/settings`, { body: { args: ['--dim', '8'] } });
    expect(res.status).toBe(409);
    expect(res.body).toEqual(openAiError('invalid_model_state', 'invalid_request_error'));
  });

  it('stops the model: it is no longer routable', async () => {
    const stop = await admin.post(`/api/local/models/${MODEL}/stop`);
    expect(stop.status).toBe(202);
    const gone = await client()
      .chat.completions.create({ model: SERVED, messages })
      .catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404, code: 'model_not_found' });
    expect((await admin.get(`/api/admin/model-hosts/${hostId}`)).body.running_models).toEqual([]);
  });

  it('answers 404 local_model_not_found for a model no host has', async () => {
    const res = await admin.get('/api/local/models/no-such-model/status');
    expect(res.status).toBe(404);
    expect(res.body).toEqual(openAiError('local_model_not_found', 'not_found_error'));
  });

  it('reports a host with a wrong token beside the others, and refuses calls to it with 502', async () => {
    const bad = await admin.post('/api/admin/model-hosts', { name: 'wrong-token', url: host.url, token: 'not-the-token' });
    expect(bad.status).toBe(201);
    expect(bad.body.health).toMatchObject({ status: 'unauthorized', error: expect.stringContaining('refused') });

    const list = await admin.get('/api/local/models');
    expect(list.status).toBe(200);
    expect(list.body.data.map((m: { host_id: string }) => m.host_id)).toEqual([hostId]);
    expect(list.body.host_errors).toEqual([{ host_id: bad.body.id, host_name: 'wrong-token', error: { ...openAiError('upstream_auth_error', 'upstream_error').error } }]);

    const call = await admin.get(`/api/local/models/${MODEL}/status?host_id=${bad.body.id}`);
    expect(call.status).toBe(502);
    expect(call.body).toEqual(openAiError('upstream_auth_error', 'upstream_error'));
    // with two hosts, a new model must say where
    const where = await admin.post('/api/local/models', { name: 'Other', runtime: 'reference' });
    expect(where.status).toBe(400);
    expect(where.body).toEqual(openAiError('invalid_request', 'invalid_request_error', 'host_id'));
    expect((await admin.delete(`/api/admin/model-hosts/${bad.body.id}`)).status).toBe(204);
  });

  it('reports a host that is down: listed with its error, calls to it 502, health unreachable', async () => {
    await host.stop();
    const list = await admin.get('/api/local/models');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ data: [], has_more: false, host_errors: [{ host_id: hostId, host_name: 'gpu-1', error: openAiError('upstream_unreachable', 'upstream_error').error }] });
    const call = await admin.post(`/api/local/models/${MODEL}/start?host_id=${hostId}`);
    expect(call.status).toBe(502);
    expect(call.body).toEqual(openAiError('upstream_unreachable', 'upstream_error'));
    const seen = await waitFor('the monitor to notice', async () => (await admin.get(`/api/admin/model-hosts/${hostId}`)).body, (h) => h.health.status === 'unreachable');
    expect(seen.health.error).toContain('cannot be reached');
  });
});
