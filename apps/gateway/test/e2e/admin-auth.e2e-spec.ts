import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { ADMIN, startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';
import { call, openAiError } from '@aigw/testkit/http';

describe('admin authentication', () => {
  let gateway: GatewayProcess;
  let admin: AdminClient;

  beforeAll(async () => {
    // Short access tokens so expiry can be observed.
    gateway = await startGateway({ storage: 'postgres', env: { ACCESS_TOKEN_TTL: '3' } });
    admin = await AdminClient.login(gateway.url);
  });
  afterAll(() => gateway?.cleanup());

  it('logs in and tells who is signed in', async () => {
    const login = await call(gateway.url, 'POST', '/auth/login', { body: ADMIN });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'Bearer', expires_in: 3 });
    const me = await call(gateway.url, 'GET', '/api/admin/me', { token: login.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: expect.any(String), email: ADMIN.email, role: 'admin' });
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrongPassword = await call(gateway.url, 'POST', '/auth/login', { body: { email: ADMIN.email, password: 'not-the-password' } });
    const unknownEmail = await call(gateway.url, 'POST', '/auth/login', { body: { email: 'nobody@test.local', password: 'not-the-password' } });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body).toEqual(openAiError('invalid_credentials', 'authentication_error'));
  });

  it('rejects a login body of the wrong shape with a 400 naming the field', async () => {
    const res = await call(gateway.url, 'POST', '/auth/login', { body: { email: ADMIN.email, password: 42 } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(openAiError('invalid_request', 'invalid_request_error', 'password'));
  });

  it('rotates refresh tokens and revokes the family when a spent one is reused', async () => {
    const first = await call(gateway.url, 'POST', '/auth/login', { body: ADMIN });
    const second = await call(gateway.url, 'POST', '/auth/refresh', { body: { refresh_token: first.body.refresh_token } });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);

    // Replaying the spent token (a thief, or a bug) fails and kills the whole family...
    const replay = await call(gateway.url, 'POST', '/auth/refresh', { body: { refresh_token: first.body.refresh_token } });
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual(openAiError('invalid_token', 'authentication_error'));
    // ...so the legitimately rotated token no longer works either.
    const afterReuse = await call(gateway.url, 'POST', '/auth/refresh', { body: { refresh_token: second.body.refresh_token } });
    expect(afterReuse.status).toBe(401);

    // Another login's family is untouched.
    const other = await call(gateway.url, 'POST', '/auth/refresh', { body: { refresh_token: admin.refreshToken } });
    expect(other.status).toBe(200);
  });

  it('logs out: the refresh token stops working', async () => {
    const login = await call(gateway.url, 'POST', '/auth/login', { body: ADMIN });
    const out = await call(gateway.url, 'POST', '/auth/logout', { body: { refresh_token: login.body.refresh_token } });
    expect(out.status).toBe(204);
    const refresh = await call(gateway.url, 'POST', '/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
    expect(refresh.status).toBe(401);
  });

  it('refuses missing, tampered, foreign and expired access tokens', async () => {
    const missing = await call(gateway.url, 'GET', '/api/admin/keys');
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual(openAiError('invalid_token', 'authentication_error'));

    const login = await call(gateway.url, 'POST', '/auth/login', { body: ADMIN });
    const token: string = login.body.access_token;
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-0000-0000-000000000000' })).toString('base64url');
    const tampered = await call(gateway.url, 'GET', '/api/admin/me', { token: `${header}.${promoted}.${signature}` });
    expect(tampered.status).toBe(401);
    expect(tampered.body).toEqual(openAiError('invalid_token', 'authentication_error'));

    // Well-formed but signed with another secret.
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer('aigw')
      .setAudience('aigw-admin')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    expect((await call(gateway.url, 'GET', '/api/admin/me', { token: forged })).status).toBe(401);

    await new Promise((r) => setTimeout(r, 4100));
    const expired = await call(gateway.url, 'GET', '/api/admin/me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(openAiError('token_expired', 'authentication_error'));
  });

  it('lets a viewer read but never write', async () => {
    const fresh = await AdminClient.login(gateway.url);
    const created = await fresh.post('/api/admin/users', { email: 'viewer@test.local', password: 'viewer-password', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), email: 'viewer@test.local', role: 'viewer', created_at: expect.any(String) });
    const viewer = await AdminClient.login(gateway.url, { email: 'viewer@test.local', password: 'viewer-password' });

    expect((await viewer.get('/api/admin/keys')).status).toBe(200);
    expect((await viewer.get('/api/admin/me')).body.role).toBe('viewer');
    for (const [method, path, body] of [
      ['POST', '/api/admin/keys', { name: 'nope' }],
      ['POST', '/api/admin/sources', { name: 's', instances: [{ url: 'http://127.0.0.1:1/v1' }] }],
      ['POST', '/api/admin/users', { email: 'x@test.local', password: 'password123' }],
      ['DELETE', `/api/admin/users/${created.body.id}`, undefined],
    ] as const) {
      const res = await viewer.request(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body).toEqual(openAiError('permission_denied', 'permission_error'));
    }
  });

  it('locks an account after repeated failed logins', async () => {
    const email = 'locked@test.local';
    const fresh = await AdminClient.login(gateway.url);
    await fresh.post('/api/admin/users', { email, password: 'locked-password', role: 'viewer' });
    for (let i = 0; i < 10; i++) {
      expect((await call(gateway.url, 'POST', '/auth/login', { body: { email, password: 'wrong-password' } })).status).toBe(401);
    }
    const locked = await call(gateway.url, 'POST', '/auth/login', { body: { email, password: 'locked-password' } });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('900');
    expect(locked.body).toEqual(openAiError('too_many_login_attempts', 'rate_limit_error'));
  });

  it('keeps at least one admin', async () => {
    const fresh = await AdminClient.login(gateway.url);
    const me = (await fresh.get('/api/admin/me')).body;
    const demote = await fresh.patch(`/api/admin/users/${me.id}`, { role: 'viewer' });
    expect(demote.status).toBe(409);
    const remove = await fresh.delete(`/api/admin/users/${me.id}`);
    expect(remove.status).toBe(409);
  });
});
