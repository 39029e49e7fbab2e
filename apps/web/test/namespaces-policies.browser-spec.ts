/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import type { ListResponse } from '@aigw/shared/admin/common';
import type { Namespace } from '@aigw/shared/admin/namespaces';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { openDashboard, openAs, signIn, type DashboardSession } from '@aigw/testkit/dashboard';
import type { GatewayProcess } from '@aigw/testkit/gateway-process';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));
const VIEWER = { email: 'ns-viewer@test.local', password: 'viewer-password-123' };

describe('namespaces and policies journey', () => {
  let session: DashboardSession;
  let gateway: GatewayProcess;
  let page: Page;

  beforeAll(async () => {
    session = await openDashboard();
    ({ gateway, page } = session);
  });
  afterAll(() => session?.close());

  it('creates and edits policies and namespaces, shows API errors inline and the effective limits of a key', async () => {
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));
    const admin = await AdminClient.login(gateway.url);

    await page.goto('/namespaces');
    await signIn(page);
    await page.getByRole('heading', { name: 'Namespaces & Policies', level: 1 }).waitFor();
    await page.getByText('No namespaces yet').waitFor();
    await page.getByText('No policies yet').waitFor();

    // A policy; the gateway refuses an address its schema lets through, beside the field.
    await page.getByRole('button', { name: 'Create policy' }).click();
    const policyDialog = page.getByRole('dialog', { name: 'Create policy' });
    await policyDialog.getByLabel('Name', { exact: true }).fill('tight');
    await policyDialog.getByLabel('Allowed models').fill('ns-*');
    await policyDialog.getByLabel('Requests per minute').fill('20');
    await policyDialog.getByLabel('Max output tokens per request').fill('256');
    await policyDialog.getByLabel('Allowed client IPs').fill('999.1.1.1');
    await policyDialog.getByRole('button', { name: 'Create policy' }).click();
    const ipError = policyDialog.getByText('"999.1.1.1" is not an IP address or CIDR range');
    await ipError.waitFor();
    expect(await policyDialog.getByLabel('Allowed client IPs').getAttribute('aria-invalid')).toBe('true');
    // The form's own check, before any call.
    await policyDialog.getByLabel('Requests per second').fill('1.5');
    await policyDialog.getByRole('button', { name: 'Create policy' }).click();
    await policyDialog.getByText('Enter a whole number of 1 or more').waitFor();
    await policyDialog.getByLabel('Requests per second').fill('');
    await policyDialog.getByLabel('Allowed client IPs').fill('127.0.0.0/8');
    await policyDialog.getByRole('button', { name: 'Create policy' }).click();
    await policyDialog.waitFor({ state: 'hidden' });
    const policyRow = page.getByRole('table', { name: 'Policies' }).getByRole('row').filter({ hasText: 'tight' });
    await policyRow.waitFor();
    expect(await policyRow.innerText()).toMatch(/ns-\*[\s\S]*Requests per minute: 20[\s\S]*Max output tokens per request: 256[\s\S]*127\.0\.0\.0\/8/);

    // A namespace matched by a header and a path prefix; a reserved prefix is refused beside its field.
    await page.getByRole('button', { name: 'Create namespace' }).click();
    const nsDialog = page.getByRole('dialog', { name: 'Create namespace' });
    await nsDialog.getByLabel('Name', { exact: true }).fill('acme');
    await nsDialog.getByLabel('Path prefixes').fill('/v1');
    await nsDialog.getByRole('button', { name: 'Add header' }).click();
    await nsDialog.getByLabel('Header name 1').fill('X-Channel-Code');
    await nsDialog.getByLabel('Header value 1').fill('acme');
    await nsDialog.getByLabel('Requests per minute').fill('50');
    await nsDialog.getByLabel('tight').check();
    await nsDialog.getByRole('button', { name: 'Create namespace' }).click();
    await nsDialog.getByText("/v1 is one of the gateway's own paths and cannot select a namespace").waitFor();
    expect(await nsDialog.getByLabel('Path prefixes').getAttribute('aria-invalid')).toBe('true');
    await nsDialog.getByLabel('Path prefixes').fill('/acme');
    await nsDialog.getByRole('button', { name: 'Create namespace' }).click();
    await nsDialog.waitFor({ state: 'hidden' });
    const nsRow = page.getByRole('table', { name: 'Namespaces' }).getByRole('row').filter({ hasText: 'acme' });
    await nsRow.waitFor();
    expect(await nsRow.innerText()).toMatch(/x-channel-code: acme[\s\S]*\/acme\/…[\s\S]*Requests per minute: 50[\s\S]*tight/);
    const saved = (await admin.get<ListResponse<Namespace>>('/api/admin/namespaces')).body.data;
    expect(saved).toEqual([
      expect.objectContaining({ name: 'acme', matchers: { headers: { 'x-channel-code': 'acme' }, path_prefixes: ['/acme'] }, limits: { requests_per_minute: 50 }, policy_ids: [expect.any(String)] }),
    ]);

    // A key in the namespace, with limits of its own: the tightest of each wins, named by its source.
    const key = await admin.post('/api/admin/keys', { name: 'acme-key', namespace_id: saved[0]!.id, limits: { requests_per_minute: 100, tokens_per_day: 5000 } });
    expect(key.status).toBe(201);
    await page.reload();
    const effective = page.getByRole('region', { name: 'Effective policy of a key' });
    await effective.getByLabel('API key').selectOption({ label: 'acme-key' });
    const limitRow = (label: string) => effective.getByRole('table', { name: 'Effective limits' }).getByRole('row').filter({ hasText: label });
    const cells = async (label: string) => (await limitRow(label).locator('td').allInnerTexts()).map((t) => t.trim());
    await limitRow('Requests per minute').waitFor();
    expect(await cells('Requests per minute')).toEqual(['Requests per minute', '20', 'policy "tight" (on namespace "acme")']);
    expect(await cells('Tokens per day')).toEqual(['Tokens per day', '5,000', 'key "acme-key"']);
    expect(await cells('Max output tokens per request')).toEqual(['Max output tokens per request', '256', 'policy "tight" (on namespace "acme")']);
    expect(await effective.getByRole('definition').allInnerTexts()).toEqual(expect.arrayContaining(['ns-*', '127.0.0.0/8']));

    // Tightening the namespace below the policy moves the source there.
    await nsRow.getByRole('button', { name: 'Edit acme' }).click();
    const editNs = page.getByRole('dialog', { name: 'Edit namespace acme' });
    expect(await editNs.getByLabel('Header name 1').inputValue()).toBe('x-channel-code');
    await editNs.getByLabel('Requests per minute').fill('5');
    await editNs.getByRole('button', { name: 'Save changes' }).click();
    await editNs.waitFor({ state: 'hidden' });
    await expect.poll(() => cells('Requests per minute')).toEqual(['Requests per minute', '5', 'namespace "acme"']);

    // Editing the policy: a lower max output tokens, and the effective value follows.
    await policyRow.getByRole('button', { name: 'Edit tight' }).click();
    const editPolicy = page.getByRole('dialog', { name: 'Edit policy tight' });
    await editPolicy.getByLabel('Max output tokens per request').fill('128');
    await editPolicy.getByRole('button', { name: 'Save changes' }).click();
    await editPolicy.waitFor({ state: 'hidden' });
    await expect.poll(() => cells('Max output tokens per request')).toEqual(['Max output tokens per request', '128', 'policy "tight" (on namespace "acme")']);

    // An attached policy cannot be deleted; the dialog says why.
    await policyRow.getByRole('button', { name: 'Delete tight' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete policy?' });
    await confirm.getByRole('button', { name: 'Delete policy' }).click();
    await confirm.getByText('Policy is attached to namespace "acme"', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();

    expect(session.pageErrors).toEqual([]);
  });

  it('shows a viewer namespaces, policies and effective limits without any way to change them', async () => {
    const admin = await AdminClient.login(gateway.url);
    expect((await admin.post('/api/admin/users', { ...VIEWER, role: 'viewer' })).status).toBe(201);
    const viewer = await openAs(session, VIEWER, '/namespaces');
    const viewerPage = viewer.page;
    screenshotOnFailure(viewerPage, OUTPUT_DIR);
    try {
      await viewerPage.getByRole('table', { name: 'Namespaces' }).getByRole('row').filter({ hasText: 'acme' }).waitFor();
      await viewerPage.getByRole('table', { name: 'Policies' }).getByRole('row').filter({ hasText: 'tight' }).waitFor();
      await viewerPage.getByText('You have read-only access').waitFor();
      expect(await viewerPage.getByRole('button', { name: /create|edit|delete/i }).count()).toBe(0);
      const effective = viewerPage.getByRole('region', { name: 'Effective policy of a key' });
      await effective.getByLabel('API key').selectOption({ label: 'acme-key' });
      await effective.getByRole('table', { name: 'Effective limits' }).getByRole('row').filter({ hasText: 'Tokens per day' }).waitFor();
    } finally {
      await viewer.close();
    }
  });
});
