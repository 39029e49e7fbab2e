import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { ADMIN, GATEWAY_DIR, startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';
import { envToConfigYaml } from '../../../../deployment/examples/seed-000-from-env.mjs';

const REPO = path.resolve(GATEWAY_DIR, '../..');
const CLI = path.join(GATEWAY_DIR, 'dist/cli/config.js');
const EXAMPLES = path.join(REPO, 'deployment/examples');

/** The keys seed-002-models.yaml reads with ENV:. */
const SEED_002_KEYS = Object.fromEntries(
  ['OPENAI', 'DEEPSEEK', 'GROQ', 'TOGETHER', 'MISTRAL', 'ANTHROPIC', 'GEMINI'].map((v) => [`${v}_API_KEY`, `sk-test-${v.toLowerCase()}`]),
);

const document = (upstreamUrl: string, { model = 'upstream-model', priority = 0 } = {}) => `version: 1
sources:
  - name: cfg-upstream
    instances:
      - url: ${upstreamUrl}
        api_key: ENV:E2E_UPSTREAM_KEY
        headers: { X-Team: ml }
routes:
  - name: cfg-chat
    priority: ${priority}
    match: { models: [cfg-model] }
    targets: [{ source: cfg-upstream, model: ${model} }]
`;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as an operator runs it: a real child process with only the environment given. */
function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('declarative config: export and apply', () => {
  let gateway: GatewayProcess;
  let up: MockOpenAI;
  let admin: AdminClient;
  let workDir: string;

  const apply = (doc: string, options: { dry_run?: boolean; prune?: boolean } = {}) => admin.post('/api/admin/config/apply', { document: doc, ...options });
  const names = async (kind: 'sources' | 'routes') => ((await admin.get(`/api/admin/${kind}?limit=200`)).body.data as Array<{ name: string }>).map((r) => r.name).sort();
  const credentials = () => ['--url', gateway.url, '--email', ADMIN.email, '--password', ADMIN.password];

  beforeAll(async () => {
    [gateway, up, workDir] = await Promise.all([
      startGateway({ storage: 'postgres', env: { E2E_UPSTREAM_KEY: 'sk-from-gateway-env', ...SEED_002_KEYS } }),
      MockOpenAI.start({ name: 'cfg' }),
      mkdtemp(path.join(tmpdir(), 'aigw-config-')),
    ]);
    admin = await AdminClient.login(gateway.url);
  });
  afterAll(async () => {
    await gateway?.cleanup();
    await up?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('a dry run shows the plan and changes nothing', async () => {
    const res = await apply(document(up.url), { dry_run: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      dry_run: true,
      changes: [
        { kind: 'source', name: 'cfg-upstream', action: 'create' },
        { kind: 'route', name: 'cfg-chat', action: 'create' },
      ],
    });
    expect(await names('sources')).toEqual([]);
    expect(await names('routes')).toEqual([]);
  });

  it('applies: creates the source and route, and a chat through them carries the upstream key from ENV:', async () => {
    const res = await apply(document(up.url));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      dry_run: false,
      changes: [
        { kind: 'source', name: 'cfg-upstream', action: 'create' },
        { kind: 'route', name: 'cfg-chat', action: 'create' },
      ],
    });
    const { body: key } = await admin.post('/api/admin/keys', { name: 'cfg' });
    const chat = await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: { model: 'cfg-model', messages: [{ role: 'user', content: 'hi' }] } });
    expect(chat.status).toBe(200);
    const seen = up.requests.at(-1)!;
    expect(seen.path).toBe('/v1/chat/completions');
    expect(seen.headers.authorization).toBe('Bearer sk-from-gateway-env');
    expect(seen.headers['x-team']).toBe('ml');
    expect((seen.json as { model: string }).model).toBe('upstream-model');
  });

  it('applying the same document again changes nothing and writes nothing', async () => {
    const before = (await admin.get('/api/admin/sources')).body.data[0];
    const res = await apply(document(up.url));
    expect(res.body).toEqual({
      dry_run: false,
      changes: [
        { kind: 'source', name: 'cfg-upstream', action: 'unchanged' },
        { kind: 'route', name: 'cfg-chat', action: 'unchanged' },
      ],
    });
    const after = (await admin.get('/api/admin/sources')).body.data[0];
    expect(after.updated_at).toBe(before.updated_at);
    expect(after.instances[0].id).toBe(before.instances[0].id);
  });

  it('an edited field is exactly one update, naming the field', async () => {
    const res = await apply(document(up.url, { model: 'other-upstream-model' }));
    expect(res.body.changes).toEqual([
      { kind: 'source', name: 'cfg-upstream', action: 'unchanged' },
      { kind: 'route', name: 'cfg-chat', action: 'update', fields: ['targets'] },
    ]);
    const route = (await admin.get('/api/admin/routes')).body.data[0];
    expect(route.targets).toEqual([{ source_id: expect.any(String), weight: 1, model: 'other-upstream-model' }]);
  });

  it('exports the same bytes every time, without secrets, and the export re-applies as unchanged', async () => {
    const yaml = await admin.get('/api/admin/config/export');
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect((await admin.get('/api/admin/config/export?format=yaml')).text).toBe(yaml.text);
    expect(yaml.text).toContain('name: cfg-upstream');
    expect(yaml.text).not.toContain('sk-from-gateway-env');
    expect(yaml.text).not.toMatch(/^\s+api_key:/m);

    const json = await admin.get('/api/admin/config/export?format=json');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.body).toEqual({
      version: 1,
      sources: [{ name: 'cfg-upstream', provider: 'openai-compatible', instances: [{ url: up.url, headers: { 'X-Team': 'ml' } }] }],
      routes: [{ name: 'cfg-chat', match: { models: ['cfg-model'] }, targets: [{ source: 'cfg-upstream', model: 'other-upstream-model' }] }],
    });

    for (const exported of [yaml.text, json.text]) {
      const res = await apply(exported, { prune: true });
      expect(res.body.changes.map((c: { action: string }) => c.action)).toEqual(['unchanged', 'unchanged']);
    }
    // the stored key survived: the instance in the export had none
    const { body: key } = await admin.post('/api/admin/keys', { name: 'cfg-after-export' });
    await call(gateway.url, 'POST', '/v1/chat/completions', { key: key.key, body: { model: 'cfg-model', messages: [{ role: 'user', content: 'hi' }] } });
    expect(up.requests.at(-1)!.headers.authorization).toBe('Bearer sk-from-gateway-env');
  });

  it('prune deletes what the document does not name, routes before sources; a dry run only says so', async () => {
    const extra = await admin.post('/api/admin/sources', { name: 'cfg-extra', instances: [{ url: up.url }] });
    await admin.post('/api/admin/routes', { name: 'cfg-extra-route', match: { models: ['extra'] }, targets: [{ source_id: extra.body.id }] });

    const withoutPrune = await apply(document(up.url, { model: 'other-upstream-model' }));
    expect(withoutPrune.body.changes.map((c: { action: string }) => c.action)).toEqual(['unchanged', 'unchanged']);

    const dry = await apply(document(up.url, { model: 'other-upstream-model' }), { prune: true, dry_run: true });
    expect(dry.body.changes.slice(2)).toEqual([
      { kind: 'route', name: 'cfg-extra-route', action: 'delete' },
      { kind: 'source', name: 'cfg-extra', action: 'delete' },
    ]);
    expect(await names('sources')).toEqual(['cfg-extra', 'cfg-upstream']);

    const res = await apply(document(up.url, { model: 'other-upstream-model' }), { prune: true });
    expect(res.body.changes.slice(2)).toEqual(dry.body.changes.slice(2));
    expect(await names('sources')).toEqual(['cfg-upstream']);
    expect(await names('routes')).toEqual(['cfg-chat']);
  });

  it.each([
    ['a YAML syntax error, with its line', 'version: 1\nsources:\n  - name: a\n   bad: x\n', 'document', /^YAML syntax error at line 4, column \d+: /],
    [
      'an unknown source name, with its path',
      'version: 1\nroutes:\n  - name: r\n    match: { models: [m] }\n    targets: [{ source: no-such-source }]\n',
      'routes.0.targets.0.source',
      /routes\.0\.targets\.0\.source: source "no-such-source" is neither in the document nor in the gateway/,
    ],
    [
      'a missing environment variable, by name',
      'version: 1\nsources:\n  - name: s\n    instances: [{ url: "http://x/v1", api_key: ENV:E2E_NOT_SET }]\n',
      'sources.0.instances.0.api_key',
      /environment variable E2E_NOT_SET is not set in the gateway's environment/,
    ],
    [
      "one of the gateway's own settings",
      'version: 1\nsources:\n  - name: s\n    instances: [{ url: "http://x/v1", api_key: ENV:MASTER_KEY }]\n',
      'sources.0.instances.0.api_key',
      /MASTER_KEY is one of the gateway's own settings/,
    ],
    [
      'a wrong type, with its path',
      'version: 1\nsources:\n  - name: s\n    instances: [{ url: "http://x/v1", weight: heavy }]\n',
      'sources.0.instances.0.weight',
      /sources\.0\.instances\.0\.weight: .*expected number/,
    ],
    [
      'a reserved path',
      'version: 1\nsources:\n  - name: s\n    instances: [{ url: "http://x/v1" }]\nroutes:\n  - name: r\n    match: { paths: [/rerank] }\n    targets: [{ source: s }]\n',
      'routes.0.match.paths.0',
      /\/rerank is one of the gateway's own paths/,
    ],
  ])('refuses %s: 400 naming the problem, nothing changed', async (_what, doc, param, message) => {
    const before = await admin.get('/api/admin/config/export');
    const res = await apply(doc, { dry_run: false });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { message: expect.stringMatching(message), type: 'invalid_request_error', param, code: 'invalid_request' } });
    expect((await admin.get('/api/admin/config/export')).text).toBe(before.text);
  });

  it('refuses a request without a document', async () => {
    const res = await admin.post('/api/admin/config/apply', { dry_run: true });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(openAiError('invalid_request', 'invalid_request_error', 'document'));
  });

  it('lets a viewer export but not apply', async () => {
    await admin.post('/api/admin/users', { email: 'cfg-viewer@test.local', password: 'viewer-password', role: 'viewer' });
    const viewer = await AdminClient.login(gateway.url, { email: 'cfg-viewer@test.local', password: 'viewer-password' });
    expect((await viewer.get('/api/admin/config/export')).status).toBe(200);
    const res = await viewer.post('/api/admin/config/apply', { document: document(up.url), dry_run: true });
    expect(res.status).toBe(403);
    expect(res.body).toEqual(openAiError('permission_denied', 'permission_error'));
  });

  it('applies both deployment examples cleanly (dry run)', async () => {
    for (const file of ['seed-000-gpu-gateway.yaml', 'seed-002-models.yaml']) {
      const res = await apply(await readFile(path.join(EXAMPLES, file), 'utf8'), { dry_run: true });
      expect(res.status, `${file}: ${res.text}`).toBe(200);
      const actions = new Set(res.body.changes.map((c: { action: string }) => c.action));
      expect([...actions]).toEqual(['create']);
    }
  });

  describe('the CLI', () => {
    it('apply --dry-run reads ENV: from its own environment and prints the plan; exit 0', async () => {
      const file = path.join(workDir, 'cfg.yaml');
      await writeFile(file, document(up.url, { priority: 5 }).replace('E2E_UPSTREAM_KEY', 'OPERATOR_KEY'));
      const run = await runCli(['apply', file, '--dry-run', ...credentials()], { OPERATOR_KEY: 'sk-operator' });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        [
          'ACTION  KIND    NAME          CHANGED FIELDS',
          'update  source  cfg-upstream  instances',
          'update  route   cfg-chat      targets, priority',
          '',
          'Dry run: 0 to create, 2 to update, 0 to delete, 0 unchanged. Nothing was changed.',
          '',
        ].join('\n'),
      );
    });

    it('applies seed-002-models.yaml (dry run) with the keys from the operator environment', async () => {
      const run = await runCli(['apply', path.join(EXAMPLES, 'seed-002-models.yaml'), '--dry-run', ...credentials()], SEED_002_KEYS);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^create +source +openai$/m);
      expect(run.stdout).toMatch(/Dry run: 26 to create, 0 to update, 0 to delete, 0 unchanged/);
    });

    it('exports to a file', async () => {
      const out = path.join(workDir, 'export.json');
      const run = await runCli(['export', '--format', 'json', '--out', out, ...credentials()]);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(await readFile(out, 'utf8'))).toEqual((await admin.get('/api/admin/config/export?format=json')).body);
    });

    it('exits 1 on a bad file, an unset variable or an API error, with the message', async () => {
      const bad = path.join(workDir, 'bad.yaml');
      await writeFile(bad, 'version: 1\nsources:\n  - name: a\n   bad: x\n');
      const syntax = await runCli(['apply', bad, '--dry-run', ...credentials()]);
      expect(syntax.code).toBe(1);
      expect(syntax.stderr).toMatch(/^error: .*bad\.yaml: YAML syntax error at line 4, column \d+: /);

      const unset = path.join(workDir, 'unset.yaml');
      await writeFile(unset, document(up.url));
      const missing = await runCli(['apply', unset, '--dry-run', ...credentials()]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('sources.0.instances.0.api_key: environment variable E2E_UPSTREAM_KEY is not set in this environment');

      // --server-env: the gateway resolves it, from its own environment
      const serverEnv = await runCli(['apply', unset, '--dry-run', '--server-env', ...credentials()]);
      expect(serverEnv.code, serverEnv.stderr).toBe(0);

      const unknown = path.join(workDir, 'unknown.yaml');
      await writeFile(unknown, 'version: 1\nroutes:\n  - name: r\n    match: { models: [m] }\n    targets: [{ source: nope }]\n');
      const api = await runCli(['apply', unknown, ...credentials()]);
      expect(api.code).toBe(1);
      expect(api.stderr).toMatch(/^error: Invalid config document: routes\.0\.targets\.0\.source: source "nope" .* \(routes\.0\.targets\.0\.source\) \[HTTP 400\]\n$/);

      const login = await runCli(['export', '--url', gateway.url, '--email', ADMIN.email, '--password', 'wrong-password']);
      expect(login.code).toBe(1);
      expect(login.stderr).toMatch(/\[HTTP 401\]/);
    });
  });

  it("serves seed 000's task paths once its table is applied from a .env (every GPU service played by the mock)", async () => {
    const seedEnv = (await readFile(path.join(EXAMPLES, 'seed-000.env'), 'utf8'))
      .replace(/^(EMBED_SERVER_\d|VLM_HOST|TRELLIS_HOST)=.*$/gm, '$1=127.0.0.1')
      .replace(/^(PORT_[A-Z0-9_]+)=\d+/gm, `$1=${up.port}`);
    const applied = await apply(envToConfigYaml(seedEnv));
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.changes.filter((c: { action: string }) => c.action !== 'create')).toEqual([]);
    const { body: key } = await admin.post('/api/admin/keys', { name: 'seed-000' });

    const embed = await call(gateway.url, 'POST', '/embed/text', { key: key.key, body: { input: '一只猫' } });
    expect(embed.status, embed.text).toBe(200);
    expect(embed.body).toMatchObject({ object: 'list', data: [{ index: 0, embedding: expect.any(Array) }] });
    expect(up.requests.at(-1)!.path).toBe('/embed');

    const rerank = await call(gateway.url, 'POST', '/rerank/qwen3-8b', { key: key.key, body: { query: 'cat', documents: ['a cat', 'a dog'] } });
    expect(rerank.status, rerank.text).toBe(200);
    expect(up.requests.at(-1)!.path).toBe('/rerank');

    // seed 000's /rerank default: the model default-rerank on the gateway's own rerank endpoint
    const byModel = await call(gateway.url, 'POST', '/v1/rerank', { key: key.key, body: { model: 'default-rerank', query: 'cat', documents: ['a cat', 'a dog'] } });
    expect(byModel.status, byModel.text).toBe(200);
    expect(up.requests.at(-1)!.path).toBe('/rerank');
    expect((up.requests.at(-1)!.json as { model: string }).model).toBe('Qwen/Qwen3-Reranker-4B');
  });
});
