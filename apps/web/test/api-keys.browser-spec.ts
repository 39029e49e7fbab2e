/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import type { ApiKey } from '@aigw/shared/admin/keys';
import type { ListResponse } from '@aigw/shared/admin/common';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { openDashboard, signIn, type DashboardSession } from '@aigw/testkit/dashboard';
import { AdminClient } from '@aigw/testkit/admin-client';
import { ADMIN, type GatewayProcess } from '@aigw/testkit/gateway-process';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));
const KEY_NAME = 'browser-journey-key';

/** `GET /v1/models` with an API key: the cheapest call that proves a key works. */
const modelsStatus = async (url: string, secret: string) => (await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } })).status;

describe('API keys journey', () => {
  let session: DashboardSession;
  let gateway: GatewayProcess;
  let page: Page;

  beforeAll(async () => {
    session = await openDashboard({ permissions: ['clipboard-read', 'clipboard-write'] });
    ({ gateway, page } = session);
  });
  afterAll(() => session?.close());

  it('logs in, creates a key, sees it listed and working, revokes it', async () => {
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));

    // Signed out: the app sends us to the login page.
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/login');
    // The URL changes before the login page renders: wait for it (isVisible() would not).
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    // A wrong password is refused with the gateway's message, and we stay on the login page.
    await signIn(page, { email: ADMIN.email, password: 'not-the-password' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Incorrect email or password');
    expect(new URL(page.url()).pathname).toBe('/login');

    // The right one signs us in, onto the dashboard, with the account in the header.
    await signIn(page);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText(ADMIN.email).waitFor();

    // API Keys: nothing there yet.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API Keys' }).click();
    await page.getByRole('heading', { name: 'API Keys', level: 1 }).waitFor();
    await page.getByText('No API keys yet').waitFor();
    expect(new URL(page.url()).pathname).toBe('/keys');

    // Create a key; a name is required.
    await page.getByRole('button', { name: 'Create key' }).click();
    const createDialog = page.getByRole('dialog', { name: 'Create API key' });
    await createDialog.waitFor();
    await createDialog.getByRole('button', { name: 'Create key' }).click();
    await createDialog.getByText('Name is required').waitFor();
    await createDialog.getByLabel('Name', { exact: true }).fill(KEY_NAME);
    await createDialog.getByLabel('Allowed models (optional)').fill('gpt-4o*, claude-*');
    await createDialog.getByRole('button', { name: 'Create key' }).click();

    // The secret, once, with the warning and a working Copy button.
    const secretDialog = page.getByRole('dialog', { name: 'Save your API key' });
    await secretDialog.waitFor();
    expect(await secretDialog.textContent()).toContain('You will not see it again');
    const secret = await secretDialog.getByLabel('Secret key').inputValue();
    expect(secret).toMatch(/^sk-[A-Za-z0-9_-]{20,}$/);
    await secretDialog.getByRole('button', { name: 'Copy' }).click();
    await secretDialog.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await secretDialog.getByRole('button', { name: 'Done' }).click();
    await secretDialog.waitFor({ state: 'hidden' });
    expect(await page.content()).not.toContain(secret);

    // Listed, by its prefix, as active.
    const row = page.getByRole('row').filter({ hasText: KEY_NAME });
    await row.waitFor();
    const prefix = secret.slice(0, 11);
    expect(await row.textContent()).toContain(prefix);
    expect(await row.textContent()).toContain('Active');
    expect(await row.textContent()).toContain('gpt-4o*');

    // The gateway agrees, and the secret works.
    const admin = await AdminClient.login(gateway.url);
    const keys = await admin.get<ListResponse<ApiKey>>('/api/admin/keys');
    expect(keys.status).toBe(200);
    expect(keys.body.data).toEqual([expect.objectContaining({ name: KEY_NAME, prefix, models: ['gpt-4o*', 'claude-*'], revoked: false })]);
    expect(await modelsStatus(gateway.url, secret)).toBe(200);

    // Revoke, with a confirm step.
    await row.getByRole('button', { name: `Revoke ${KEY_NAME}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke API key?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row.getByText('Revoked').waitFor();
    expect(await row.getByRole('button', { name: `Revoke ${KEY_NAME}` }).count()).toBe(0);

    // Still listed, as revoked; the secret no longer works.
    const after = await admin.get<ApiKey>(`/api/admin/keys/${keys.body.data[0]!.id}`);
    expect(after.body).toMatchObject({ name: KEY_NAME, revoked: true });
    await expect.poll(() => modelsStatus(gateway.url, secret), { timeout: 3000 }).toBe(401);

    // A reload keeps the session (the refresh token survives, the access token is fetched again).
    await page.reload();
    await page.getByRole('row').filter({ hasText: KEY_NAME }).getByText('Revoked').waitFor();

    expect(session.pageErrors).toEqual([]);
  });

  it('edits a key\'s namespace, models, limits and policies, with the API\'s errors beside their fields', async () => {
    const admin = await AdminClient.login(gateway.url);
    const namespace = await admin.post('/api/admin/namespaces', { name: 'edit-team' });
    const policy = await admin.post('/api/admin/policies', { name: 'edit-gold', limits: { tokens_per_day: 5000 } });
    const key = await admin.post('/api/admin/keys', { name: 'editable-key' });
    expect([namespace.status, policy.status, key.status]).toEqual([201, 201, 201]);

    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));
    await page.goto('/keys');
    await page.getByRole('button', { name: 'Edit editable-key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit key editable-key' });
    await dialog.getByLabel('Allowed models').fill('gpt 4o');
    await dialog.getByLabel('Requests per minute').fill('-3');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    // the form's own checks (the gateway's schema), beside each field
    await expect.poll(() => dialog.locator('[aria-invalid="true"]').count()).toBe(2);
    expect(await dialog.getByLabel('Allowed models').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByLabel('Requests per minute').getAttribute('aria-invalid')).toBe('true');
    // nothing was saved
    expect((await admin.get(`/api/admin/keys/${key.body.id}`)).body.limits).toEqual({});

    await dialog.getByLabel('Allowed models').fill('gpt-4o*, claude-*');
    await dialog.getByLabel('Requests per minute').fill('30');
    await dialog.getByLabel('Namespace').selectOption({ label: 'edit-team' });
    await dialog.getByLabel('edit-gold').check();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const saved = (await admin.get(`/api/admin/keys/${key.body.id}`)).body;
    expect(saved).toMatchObject({ namespace_id: namespace.body.id, models: ['gpt-4o*', 'claude-*'], limits: { requests_per_minute: 30 }, policy_ids: [policy.body.id] });
    const effective = (await admin.get(`/api/admin/keys/${key.body.id}/effective-policy`)).body;
    expect(effective.limits.map((l: { name: string }) => l.name).sort()).toEqual(['requests_per_minute', 'tokens_per_day']);
    expect(session.pageErrors).toEqual([]);
  });

  it('shows a viewer the keys without any way to change them', async () => {
    const admin = await AdminClient.login(gateway.url);
    const viewer = { email: 'viewer@test.local', password: 'viewer-password-123' };
    expect((await admin.post('/api/admin/users', { ...viewer, role: 'viewer' })).status).toBe(201);

    const viewerContext = await session.browser.newContext({ baseURL: gateway.url, viewport: { width: 1400, height: 900 } });
    const viewerPage = await viewerContext.newPage();
    viewerPage.setDefaultTimeout(15_000);
    screenshotOnFailure(viewerPage, OUTPUT_DIR);
    try {
      await viewerPage.goto('/keys');
      await signIn(viewerPage, viewer);
      await viewerPage.getByRole('heading', { name: 'API Keys', level: 1 }).waitFor();
      await viewerPage.getByRole('row').filter({ hasText: KEY_NAME }).getByText('Revoked').waitFor();
      await viewerPage.getByText('You have read-only access').waitFor();
      expect(await viewerPage.getByRole('button', { name: /create/i }).count()).toBe(0);
      expect(await viewerPage.getByRole('button', { name: /revoke|edit/i }).count()).toBe(0);
      await viewerPage.getByText('viewer', { exact: true }).waitFor();
    } finally {
      await viewerContext.close();
    }
  });
});
