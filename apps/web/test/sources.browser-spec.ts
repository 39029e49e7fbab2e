/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import type { ListResponse } from '@aigw/shared/admin/common';
import type { Source } from '@aigw/shared/admin/sources';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { openDashboard, signIn, type DashboardSession } from '@aigw/testkit/dashboard';
import { freePort } from '@aigw/testkit/free-port';
import type { GatewayProcess } from '@aigw/testkit/gateway-process';
import { MockOpenAI } from '@aigw/testkit/mock-openai';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));
const NAME = 'upstream-pool';

/** The authorization header of the last `/models` call the mock received (what "Test connection" sent). */
const lastModelsAuth = (mock: MockOpenAI) => mock.requests.filter((r) => r.path.endsWith('/models')).at(-1)?.headers.authorization;

describe('service sources journey', () => {
  let session: DashboardSession;
  let gateway: GatewayProcess;
  let page: Page;
  let admin: AdminClient;
  let alpha: MockOpenAI;
  let beta: MockOpenAI;

  beforeAll(async () => {
    [session, alpha, beta] = await Promise.all([openDashboard(), MockOpenAI.start({ name: 'alpha' }), MockOpenAI.start({ name: 'beta' })]);
    ({ gateway, page } = session);
    admin = await AdminClient.login(gateway.url);
  });
  afterAll(async () => {
    await Promise.all([session?.close(), alpha?.close(), beta?.close()]);
  });

  const getSource = async () => {
    const list = await admin.get<ListResponse<Source>>('/api/admin/sources');
    return list.body.data.find((s) => s.name === NAME)!;
  };

  it('creates a source with two instances, tests connections, edits weights and keys, and is refused deletion while routed', async () => {
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));

    await page.goto('/sources');
    await signIn(page);
    await page.getByRole('heading', { name: 'Service Sources', level: 1 }).waitFor();
    await page.getByText('No service sources yet').waitFor();

    // Create: two instances, a key on the first.
    await page.getByRole('button', { name: 'Add source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add service source' });
    await dialog.waitFor();
    // Required fields are checked before anything is sent.
    await dialog.getByRole('button', { name: 'Create source' }).click();
    await dialog.getByText('Name is required').waitFor();
    await dialog.getByText('URL is required').waitFor();

    await dialog.getByLabel('Name', { exact: true }).fill(NAME);
    const first = dialog.getByRole('group', { name: 'Instance 1' });
    await first.getByLabel('URL', { exact: true }).fill(alpha.url);
    await first.getByLabel('API key (optional)').fill('sk-alpha-one');
    await dialog.getByRole('button', { name: 'Add instance' }).click();
    const second = dialog.getByRole('group', { name: 'Instance 2' });

    // "Test connection" before saving: ok, the status, and the models the upstream listed, sent with the typed key.
    await first.getByRole('button', { name: 'Test connection' }).click();
    const firstResult = first.getByRole('status', { name: 'Instance 1 connection test' });
    await firstResult.getByText('Connected').waitFor();
    expect(await firstResult.textContent()).toContain('HTTP 200');
    expect(await firstResult.getByRole('list', { name: 'Models listed' }).textContent()).toContain('mock-model');
    expect(lastModelsAuth(alpha)).toBe('Bearer sk-alpha-one');

    // A URL nobody listens on: the error, no models.
    const deadUrl = `http://127.0.0.1:${await freePort()}/v1`;
    await second.getByLabel('URL', { exact: true }).fill(deadUrl);
    await second.getByRole('button', { name: 'Test connection' }).click();
    const secondResult = second.getByRole('status', { name: 'Instance 2 connection test' });
    await secondResult.getByText('Failed').waitFor();
    expect(await secondResult.textContent()).toContain('No answer');
    expect(await secondResult.textContent()).toMatch(/Could not reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
    await second.getByLabel('URL', { exact: true }).fill(beta.url);

    await dialog.getByRole('button', { name: 'Create source' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: NAME });
    await row.waitFor();
    expect(await row.textContent()).toContain('OpenAI-compatible');
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('2');
    expect(await row.textContent()).toContain('2 unknown');

    let saved = await getSource();
    expect(saved.instances.map((i) => [i.url, i.weight, i.has_api_key])).toEqual([
      [alpha.url, 1, true],
      [beta.url, 1, false],
    ]);
    expect(saved.capabilities).toEqual(['chat', 'completions', 'embeddings', 'rerank', 'images', 'audio']);

    // A name that is taken: the gateway's message, beside the name field.
    await page.getByRole('button', { name: 'Add source' }).click();
    const another = page.getByRole('dialog', { name: 'Add service source' });
    await another.getByLabel('Name', { exact: true }).fill(NAME);
    await another.getByRole('group', { name: 'Instance 1' }).getByLabel('URL', { exact: true }).fill(alpha.url);
    await another.getByRole('button', { name: 'Create source' }).click();
    await another.getByText('A source with this name already exists').waitFor();
    expect(await another.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await another.getByRole('button', { name: 'Cancel' }).click();
    await another.waitFor({ state: 'hidden' });

    // Edit: the stored key shows as "Key stored", never the key; a test of the saved instance uses the stored key.
    await row.getByRole('button', { name: `Edit ${NAME}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${NAME}` });
    await edit.waitFor();
    const e1 = edit.getByRole('group', { name: 'Instance 1' });
    const e2 = edit.getByRole('group', { name: 'Instance 2' });
    await e1.getByText('Key stored').waitFor();
    expect(await page.content()).not.toContain('sk-alpha-one');
    await e1.getByRole('button', { name: 'Test connection' }).click();
    await e1.getByRole('status', { name: 'Instance 1 connection test' }).getByText('Connected').waitFor();
    expect(lastModelsAuth(alpha)).toBe('Bearer sk-alpha-one');

    // New weights; remove the first instance's key, give the second one a key.
    await e1.getByLabel('Weight').fill('3');
    await e2.getByLabel('Weight').fill('2');
    await e1.getByRole('button', { name: 'Remove key' }).click();
    await e1.getByText('Key will be removed on save').waitFor();
    await e2.getByLabel('API key (optional)').fill('sk-beta-two');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });

    saved = await getSource();
    expect(saved.instances.map((i) => [i.url, i.weight, i.has_api_key])).toEqual([
      [alpha.url, 3, false],
      [beta.url, 2, true],
    ]);

    // Replace the second key: the new one is stored (a test by instance id sends it upstream).
    await row.getByRole('button', { name: `Edit ${NAME}` }).click();
    await edit.waitFor();
    await edit.getByRole('group', { name: 'Instance 1' }).getByLabel('API key (optional)').waitFor();
    await e2.getByText('Key stored').waitFor();
    await e2.getByRole('button', { name: 'Replace key' }).click();
    await e2.getByLabel('New API key').fill('sk-beta-three');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });
    saved = await getSource();
    expect(saved.instances.map((i) => i.has_api_key)).toEqual([false, true]);
    const probe = await admin.post('/api/admin/sources/test', { provider: 'openai-compatible', url: beta.url, instance_id: saved.instances[1]!.id });
    expect(probe.body).toMatchObject({ ok: true, status: 200 });
    expect(lastModelsAuth(beta)).toBe('Bearer sk-beta-three');

    // Delete is refused while a route uses the source, with the gateway's message naming the route.
    const route = await admin.post('/api/admin/routes', { name: 'pool-route', match: { models: ['pool-model'] }, targets: [{ source_id: saved.id }] });
    expect(route.status).toBe(201);
    await row.getByRole('button', { name: `Delete ${NAME}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete source?' });
    await confirm.getByRole('button', { name: 'Delete source' }).click();
    const refusal = confirm.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Source is used by route(s) "pool-route"');
    expect(await refusal.textContent()).toContain('source_in_use');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await getSource()).id).toBe(saved.id);

    // Once the route is gone, the delete goes through.
    expect((await admin.delete(`/api/admin/routes/${route.body.id}`)).status).toBe(204);
    await row.getByRole('button', { name: `Delete ${NAME}` }).click();
    await confirm.getByRole('button', { name: 'Delete source' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByText('No service sources yet').waitFor();
    expect(await getSource()).toBeUndefined();

    expect(session.pageErrors).toEqual([]);
  });

  it('shows a viewer the sources without any way to change them', async () => {
    const viewer = { email: 'sources-viewer@test.local', password: 'viewer-password-123' };
    expect((await admin.post('/api/admin/users', { ...viewer, role: 'viewer' })).status).toBe(201);
    await admin.setupChat([alpha.url], 'viewer-model');

    const context = await session.browser.newContext({ baseURL: gateway.url, viewport: { width: 1400, height: 900 } });
    const viewerPage = await context.newPage();
    viewerPage.setDefaultTimeout(15_000);
    screenshotOnFailure(viewerPage, OUTPUT_DIR);
    try {
      await viewerPage.goto('/sources');
      await signIn(viewerPage, viewer);
      await viewerPage.getByRole('heading', { name: 'Service Sources', level: 1 }).waitFor();
      await viewerPage.getByRole('row').filter({ hasText: 'viewer-model' }).waitFor();
      await viewerPage.getByText('You have read-only access').waitFor();
      expect(await viewerPage.getByRole('button', { name: /add source|edit|delete/i }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
