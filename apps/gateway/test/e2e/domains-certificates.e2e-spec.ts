import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import OpenAI from 'openai';
import pg from 'pg';
import { Agent as UndiciAgent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { freePort } from '@aigw/testkit/free-port';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { openAiError } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';
import { createTestDatabase, type TestDatabase } from '@aigw/testkit/postgres';
import { createTestRedisPrefix, type TestRedisPrefix } from '@aigw/testkit/redis';
import { TestPki, type Pem } from '@aigw/testkit/test-certificates';

// Replicas of one deployment share their secrets.
const SECRETS = { JWT_SECRET: 'j'.repeat(40), MASTER_KEY: 'm'.repeat(40) };
const chat = { model: 'chat', messages: [{ role: 'user', content: 'hi' }] };

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: any;
}

const parse = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** One plain-HTTP call with a chosen Host header (fetch will not set Host). */
function hostCall(port: number, host: string, method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { host, ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The certificate a TLS client sending `servername` (none: no SNI) is given. */
function handshake(port: number, servername: string | undefined, options: { minVersion?: 'TLSv1'; maxVersion?: 'TLSv1.1'; ciphers?: string } = {}): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ...(servername ? { servername } : {}), rejectUnauthorized: false, ...options }, () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      resolve(cert);
    });
    socket.on('error', reject);
  });
}

describe('domains and certificates', () => {
  let database: TestDatabase;
  let redis: TestRedisPrefix;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let httpsA: number;
  let httpsB: number;
  let upA: MockOpenAI;
  let upB: MockOpenAI;
  let admin: AdminClient;
  let pki: TestPki;
  let certs: Record<'a' | 'a2' | 'wild' | 'fallback' | 'expired' | 'r', Pem>;
  const ids: Record<string, string> = {};
  const ns: Record<'a' | 'b', string> = { a: '', b: '' };
  const keys: Record<'global' | 'a', string> = { global: '', a: '' };

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = createTestRedisPrefix();
    pki = await TestPki.create();
    const [a1, a2, wild, fallback, expired, r] = await Promise.all([
      pki.issue(['a.test']),
      pki.issue(['a.test'], { keyType: 'rsa' }),
      pki.issue(['*.b.test'], { byIntermediate: true }),
      pki.issue(['fallback.test']),
      pki.issue(['old.test'], { days: -1 }),
      pki.issue(['r.test']),
    ]);
    certs = { a: a1, a2, wild, fallback, expired, r };
    [httpsA, httpsB] = [await freePort(), await freePort()];
    [a, b, upA, upB] = await Promise.all([
      startGateway({ storage: 'postgres', database, redis, env: { ...SECRETS, HTTPS_PORT: String(httpsA) } }),
      startGateway({ storage: 'postgres', database, redis, env: { ...SECRETS, HTTPS_PORT: String(httpsB), STRICT_HOSTS: 'true' } }),
      MockOpenAI.start({ name: 'upA' }),
      MockOpenAI.start({ name: 'upB' }),
    ]);
    admin = await AdminClient.login(a.url);
    for (const name of ['a', 'b'] as const) {
      const namespace = await admin.post('/api/admin/namespaces', { name: `team-${name}` });
      ns[name] = namespace.body.id;
      const source = await admin.post('/api/admin/sources', { name: `src-${name}`, namespace_id: ns[name], instances: [{ url: (name === 'a' ? upA : upB).url }] });
      const route = await admin.post('/api/admin/routes', { name: `chat-${name}`, namespace_id: ns[name], match: { models: ['chat'] }, targets: [{ source_id: source.body.id }] });
      expect([namespace.status, source.status, route.status], route.text).toEqual([201, 201, 201]);
    }
    keys.global = (await admin.post('/api/admin/keys', { name: 'global' })).body.key;
    keys.a = (await admin.post('/api/admin/keys', { name: 'key-a', namespace_id: ns.a })).body.key;
  });
  afterAll(async () => {
    await Promise.all([a?.cleanup(), b?.cleanup()]);
    await database?.drop();
    await redis?.clear();
    await Promise.all([upA?.close(), upB?.close(), pki?.cleanup()]);
  });

  it('keeps the HTTPS listener off while no certificate is stored, and says so', async () => {
    const health = (await (await fetch(`${a.url}/health`)).json()) as { https: unknown };
    expect(health.https).toEqual({ enabled: false, port: null, certificates: 0, error: null });
    await expect(handshake(httpsA, 'a.test')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses bad uploads with a 400 naming what failed', async () => {
    const upload = (certificate: string, private_key: string) => admin.post('/api/admin/certificates', { name: 'bad', certificate, private_key });
    const cases: Array<[string, Awaited<ReturnType<typeof upload>>, string, string]> = [
      ['garbage PEM', await upload('hello', certs.a.key), 'invalid_certificate', 'certificate'],
      ['garbage key', await upload(certs.a.cert, 'not a key'), 'invalid_private_key', 'private_key'],
      ['mismatched key', await upload(certs.a.cert, certs.r.key), 'certificate_key_mismatch', 'private_key'],
      ['expired', await upload(certs.expired.cert, certs.expired.key), 'certificate_expired', 'certificate'],
      ['chain out of order', await upload(pki.intermediate.cert + certs.wild.cert, certs.wild.key), 'certificate_chain_order', 'certificate'],
      ['wrong issuer next', await upload(certs.wild.cert + pki.root.cert, certs.wild.key), 'certificate_chain_order', 'certificate'],
    ];
    for (const [what, res, code, param] of cases) {
      expect(res.status, what).toBe(400);
      expect(res.body, what).toEqual(openAiError(code, 'invalid_request_error', param));
      expect(res.text).not.toContain('PRIVATE KEY');
    }
    expect((await admin.get('/api/admin/certificates')).body.data).toEqual([]);
  });

  it('stores certificates (JSON and multipart), shows them without the key, and turns HTTPS on on every replica', async () => {
    const created = await admin.post('/api/admin/certificates', { name: 'a-test', certificate: certs.a.cert, private_key: certs.a.key });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'a-test',
      subject: 'CN=a.test',
      issuer: 'CN=AIGW Test Root CA',
      sans: ['a.test'],
      fingerprint_sha256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
      not_before: expect.any(String),
      not_after: expect.any(String),
      days_left: 29,
      default: false,
      chain_length: 1,
      domain_ids: [],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    ids.a = created.body.id;

    const form = new FormData();
    form.append('name', 'b-wildcard');
    form.append('certificate', new Blob([certs.wild.cert + pki.intermediate.cert]), 'chain.pem');
    form.append('private_key', new Blob([certs.wild.key]), 'key.pem');
    const multipart = await fetch(`${a.url}/api/admin/certificates`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` }, body: form });
    const wild = (await multipart.json()) as { id: string };
    expect(multipart.status, JSON.stringify(wild)).toBe(201);
    expect(wild).toMatchObject({ sans: ['*.b.test'], chain_length: 2, issuer: 'CN=AIGW Test Intermediate' });
    ids.wild = wild.id;

    const fallback = await admin.post('/api/admin/certificates', { name: 'fallback', certificate: certs.fallback.cert, private_key: certs.fallback.key, default: true });
    expect(fallback.body.default).toBe(true);
    ids.fallback = fallback.body.id;

    const listed = await admin.get('/api/admin/certificates');
    expect(listed.body.data.map((c: { name: string }) => c.name)).toEqual(['a-test', 'b-wildcard', 'fallback']);
    expect(listed.text).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(await admin.get(`/api/admin/certificates/${ids.a}`))).not.toMatch(/private_key|PRIVATE KEY/);

    for (const [gateway, port] of [[a, httpsA], [b, httpsB]] as const) {
      await expect.poll(async () => ((await (await fetch(`${gateway.url}/health`)).json()) as { https: unknown }).https, { timeout: 5000 }).toEqual({ enabled: true, port, certificates: 3, error: null });
    }
  });

  it('chooses the certificate by SNI: exact name, wildcard, then the default; refuses TLS 1.1', async () => {
    expect((await handshake(httpsA, 'a.test')).subject.CN).toBe('a.test');
    expect((await handshake(httpsA, 'x.b.test')).subject.CN).toBe('*.b.test');
    expect((await handshake(httpsB, 'x.b.test')).subject.CN).toBe('*.b.test');
    expect((await handshake(httpsA, 'deep.x.b.test')).subject.CN).toBe('fallback.test');
    expect((await handshake(httpsA, 'unknown.test')).subject.CN).toBe('fallback.test');
    expect((await handshake(httpsA, undefined)).subject.CN).toBe('fallback.test');
    await expect(handshake(httpsA, 'a.test', { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' })).rejects.toThrow(/protocol|version|alert/i);
  });

  it('routes by Host: two domains to two namespaces, and refuses a key of another namespace', async () => {
    const d1 = await admin.post('/api/admin/domains', { hostname: 'a.test', namespace_id: ns.a, certificate_id: ids.a });
    expect(d1.status, d1.text).toBe(201);
    expect(d1.body).toEqual({
      id: expect.any(String),
      hostname: 'a.test',
      namespace_id: ns.a,
      certificate_id: ids.a,
      enabled: true,
      redirect_https: false,
      hsts: false,
      cors_origins: [],
      allowed_ips: [],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    ids.domainA = d1.body.id;
    const d2 = await admin.post('/api/admin/domains', { hostname: '*.B.test', namespace_id: ns.b });
    expect(d2.body.hostname).toBe('*.b.test');
    const content = (r: Reply) => r.body.choices?.[0]?.message.content;
    expect(content(await hostCall(a.port, 'a.test', 'POST', '/v1/chat/completions', { body: chat, headers: { authorization: `Bearer ${keys.global}` } }))).toBe('upA echo: hi');
    expect(content(await hostCall(a.port, 'x.b.test:8080', 'POST', '/v1/chat/completions', { body: chat, headers: { authorization: `Bearer ${keys.global}` } }))).toBe('upB echo: hi');
    // the other replica learns the domains within a second
    await expect.poll(async () => content(await hostCall(b.port, 'x.b.test', 'POST', '/v1/chat/completions', { body: chat, headers: { authorization: `Bearer ${keys.global}` } })), { timeout: 1000, interval: 50 }).toBe('upB echo: hi');
    const crossed = await hostCall(a.port, 'x.b.test', 'POST', '/v1/chat/completions', { body: chat, headers: { authorization: `Bearer ${keys.a}` } });
    expect(crossed.status).toBe(403);
    expect(crossed.body).toEqual(openAiError('namespace_mismatch', 'permission_error'));
    // no domain and no strict mode: the global routes (there is no global "chat")
    expect((await hostCall(a.port, 'elsewhere.test', 'POST', '/v1/chat/completions', { body: chat, headers: { authorization: `Bearer ${keys.global}` } })).status).toBe(404);
  });

  it('refuses bad domains', async () => {
    const bad = [
      [{ hostname: 'not a host' }, 400, 'hostname'],
      [{ hostname: 'a.test' }, 409, 'hostname'],
      [{ hostname: 'c.test', certificate_id: ids.a }, 400, 'certificate_id'],
      [{ hostname: 'c.test', allowed_ips: ['10.0.0.0/99'] }, 400, 'allowed_ips.0'],
      [{ hostname: 'c.test', namespace_id: '00000000-0000-4000-8000-000000000000' }, 400, 'namespace_id'],
    ] as const;
    for (const [body, status, param] of bad) {
      const res = await admin.post('/api/admin/domains', body);
      expect([res.status, res.body.error?.param], res.text).toEqual([status, param]);
    }
    expect((await admin.post('/api/admin/domains', { hostname: 'c.test', certificate_id: ids.a })).body.error.code).toBe('certificate_name_mismatch');
  });

  it('answers a chat over HTTPS with the openai client trusting the test CA', async () => {
    const dispatcher = new UndiciAgent({ connect: { ca: pki.root.cert, servername: 'a.test' } });
    const client = new OpenAI({
      apiKey: keys.a,
      baseURL: `https://127.0.0.1:${httpsA}/v1`,
      maxRetries: 0,
      // connects to 127.0.0.1 as a client of a.test: SNI and certificate check against the test CA
      fetch: ((url: string, init: Record<string, unknown>) => undiciFetch(url, { ...init, dispatcher } as never)) as never,
    });
    // no domain for 127.0.0.1: the namespaced key reaches its own namespace's route
    const answer = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'over tls' }] });
    expect(answer.choices[0]?.message.content).toBe('upA echo: over tls');
    await dispatcher.close();
  });

  it('rotates a certificate through one replica; the other serves it within a second, open connections keep working', async () => {
    const before = await handshake(httpsB, 'a.test');
    const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1, ca: pki.root.cert, servername: 'a.test' });
    const viaOpen = (): Promise<{ status: number; fingerprint: string; reused: boolean }> =>
      new Promise((resolve, reject) => {
        const req = httpsRequest({ host: '127.0.0.1', port: httpsB, path: '/health', agent, servername: 'a.test', headers: { host: 'a.test' } }, (res) => {
          const fingerprint = (res.socket as unknown as { getPeerCertificate(): PeerCertificate }).getPeerCertificate().fingerprint256;
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, fingerprint, reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end();
      });
    const first = await viaOpen();
    expect(first).toEqual({ status: 200, fingerprint: before.fingerprint256, reused: false });

    const replaced = await admin.patch(`/api/admin/certificates/${ids.a}`, { certificate: certs.a2.cert, private_key: certs.a2.key });
    expect(replaced.status, replaced.text).toBe(200);
    const changedAt = Date.now();
    expect(replaced.body.fingerprint_sha256).not.toBe(before.fingerprint256);
    let served = '';
    while (Date.now() - changedAt < 3000) {
      served = (await handshake(httpsB, 'a.test')).fingerprint256;
      if (served === replaced.body.fingerprint_sha256) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(served).toBe(replaced.body.fingerprint_sha256);
    expect(Date.now() - changedAt).toBeLessThan(1000);

    // the connection opened before the change still works, with the certificate it started with
    expect(await viaOpen()).toEqual({ status: 200, fingerprint: before.fingerprint256, reused: true });
    // an RSA certificate beside EC ones: each connection gets exactly one certificate, so the EC
    // default never shadows the RSA one chosen by SNI, and clients without SNI still get the default
    expect((await handshake(httpsB, 'a.test')).fingerprint256).toBe(replaced.body.fingerprint_sha256);
    expect((await handshake(httpsB, 'unknown.test')).subject.CN).toBe('fallback.test');
    expect((await handshake(httpsB, undefined)).subject.CN).toBe('fallback.test');
    agent.destroy();
  });

  it('applies a domain\'s IP allow-list and CORS before authentication, on the data plane and the admin API', async () => {
    await admin.post('/api/admin/domains', { hostname: 'locked.test', allowed_ips: ['10.0.0.0/8'] });
    await admin.patch(`/api/admin/domains/${ids.domainA}`, { cors_origins: ['https://app.test'] });
    for (const path of ['/v1/models', '/api/admin/me']) {
      const locked = await hostCall(a.port, 'locked.test', 'GET', path);
      expect(locked.status, path).toBe(403);
      expect(locked.body).toEqual(openAiError('ip_not_allowed', 'permission_error'));
      const evil = await hostCall(a.port, 'a.test', 'GET', path, { headers: { origin: 'https://evil.test' } });
      expect(evil.body).toEqual(openAiError('origin_not_allowed', 'permission_error'));
    }
    const preflight = await hostCall(a.port, 'a.test', 'OPTIONS', '/v1/chat/completions', {
      headers: { origin: 'https://app.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({ 'access-control-allow-origin': 'https://app.test', 'access-control-allow-headers': 'authorization, content-type', vary: 'Origin' });
    const allowed = await hostCall(a.port, 'a.test', 'POST', '/v1/chat/completions', { body: chat, headers: { origin: 'https://app.test', authorization: `Bearer ${keys.global}` } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.test');
  });

  it('redirects HTTP to HTTPS and sends HSTS over HTTPS, per domain; browser headers on the admin API', async () => {
    const r = await admin.post('/api/admin/certificates', { name: 'r-test', certificate: certs.r.cert, private_key: certs.r.key });
    await admin.post('/api/admin/domains', { hostname: 'r.test', redirect_https: true, hsts: true });
    const redirect = await hostCall(a.port, 'r.test', 'POST', '/v1/chat/completions?x=1', { body: chat });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.location).toBe(`https://r.test:${httpsA}/v1/chat/completions?x=1`);
    const secure = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: httpsA, path: '/health', servername: 'r.test', ca: pki.root.cert, headers: { host: 'r.test' } }, (res) => {
        res.resume();
        resolve(res.headers);
      });
      req.on('error', reject);
      req.end();
    });
    expect(secure['strict-transport-security']).toBe('max-age=31536000');
    const plain = await hostCall(a.port, 'a.test', 'GET', '/api/admin/me', { headers: { authorization: `Bearer ${admin.token}` } });
    expect(plain.status).toBe(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(plain.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
    expect(plain.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.status).toBe(201);
  });

  it('answers unknown hosts with 421 in strict mode (data plane only)', async () => {
    const unknown = await hostCall(b.port, 'unknown.test', 'POST', '/v1/chat/completions', { body: chat, headers: { authorization: `Bearer ${keys.global}` } });
    expect(unknown.status).toBe(421);
    expect(unknown.body).toEqual(openAiError('unknown_host', 'invalid_request_error'));
    expect((await hostCall(b.port, 'unknown.test', 'GET', '/health')).status).toBe(200);
    // replica a is not strict
    expect((await hostCall(a.port, 'unknown.test', 'POST', '/v1/chat/completions', { body: chat, headers: { authorization: `Bearer ${keys.global}` } })).status).toBe(404);
  });

  it('enforces a route\'s request size limit', async () => {
    const policy = await admin.post('/api/admin/policies', { name: 'small', max_request_bytes: 200 });
    const route = (await admin.get('/api/admin/routes')).body.data.find((x: { name: string }) => x.name === 'chat-a');
    expect((await admin.patch(`/api/admin/routes/${route.id}`, { policy_ids: [policy.body.id] })).status).toBe(200);
    const big = await hostCall(a.port, 'a.test', 'POST', '/v1/chat/completions', { body: { ...chat, messages: [{ role: 'user', content: 'x'.repeat(500) }] }, headers: { authorization: `Bearer ${keys.global}` } });
    expect(big.status).toBe(413);
    expect(big.body).toEqual(openAiError('request_too_large', 'invalid_request_error'));
  });

  it('refuses to delete a certificate a domain uses; deletes one that is free', async () => {
    const inUse = await admin.delete(`/api/admin/certificates/${ids.a}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body).toEqual(openAiError('certificate_in_use', 'invalid_request_error'));
    expect(inUse.body.error.message).toContain('a.test');
    expect((await admin.delete(`/api/admin/certificates/${ids.wild}`)).status).toBe(204);
    expect((await admin.get(`/api/admin/certificates/${ids.wild}`)).status).toBe(404);
  });

  it('exports days until expiry per certificate', async () => {
    const metrics = await (await fetch(`${a.url}/metrics`)).text();
    const line = metrics.split('\n').find((l) => l.startsWith(`aigw_certificate_expiry_days{id="${ids.a}",name="a-test"}`));
    expect(line).toBeDefined();
    expect(Number(line!.split(' ')[1])).toBeGreaterThan(29);
    expect(Number(line!.split(' ')[1])).toBeLessThanOrEqual(30);
    expect(metrics).not.toContain(ids.wild);
  });

  it('audits uploads, replacements and deletions, with no private key anywhere', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = (await client.query("SELECT action, outcome, row_to_json(a)::text AS text FROM audit_log a WHERE resource_type = 'certificate' ORDER BY created_at")).rows;
      const done = rows.filter((r) => r.outcome === 'succeeded').map((r) => r.action);
      expect(done).toEqual(expect.arrayContaining(['certificate.create', 'certificate.update', 'certificate.delete']));
      expect(rows.filter((r) => r.outcome === 'failed').length).toBeGreaterThanOrEqual(6);
      for (const row of rows) expect(row.text).not.toContain('PRIVATE KEY');
      const stored = (await client.query('SELECT private_key_enc FROM certificates')).rows;
      for (const row of stored) expect(row.private_key_enc).toMatch(/^v1\./);
    } finally {
      await client.end();
    }
    expect(a.output() + b.output()).not.toContain('PRIVATE KEY');
  });
});
