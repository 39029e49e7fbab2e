/// <reference types="node" />
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ListResponse } from '@aigw/shared/admin/common';
import type { Route } from '@aigw/shared/admin/routes';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { openDashboard, signIn, type DashboardSession } from '@aigw/testkit/dashboard';
import type { GatewayProcess } from '@aigw/testkit/gateway-process';
import { MockOpenAI } from '@aigw/testkit/mock-openai';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));

/** Clicks a button that starts a download; returns the file's suggested name and text. */
async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

describe('routes journey', () => {
  let session: DashboardSession;
  let gateway: GatewayProcess;
  let page: Page;
  let admin: AdminClient;
  let upstream: MockOpenAI;
  const sourceIds: Record<string, string> = {};

  beforeAll(async () => {
    [session, upstream] = await Promise.all([openDashboard(), MockOpenAI.start()]);
    ({ gateway, page } = session);
    admin = await AdminClient.login(gateway.url);
    for (const name of ['src-primary', 'src-backup']) {
      const res = await admin.post('/api/admin/sources', { name, provider: 'openai-compatible', instances: [{ url: upstream.url }] });
      expect(res.status).toBe(201);
      sourceIds[name] = res.body.id;
    }
  });
  afterAll(async () => {
    await Promise.all([session?.close(), upstream?.close()]);
  });

  const routeNamed = async (name: string) => (await admin.get<ListResponse<Route>>('/api/admin/routes')).body.data.find((r) => r.name === name);

  it('creates and edits a route with targets, strategy and a fallback; exports and imports the config', async () => {
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));

    await page.goto('/routes');
    await signIn(page);
    await page.getByRole('heading', { name: 'Routes', level: 1 }).waitFor();
    await page.getByText('No routes yet').waitFor();

    // Create: two targets (one renaming the model), a strategy, a fallback, a header matcher.
    await page.getByRole('button', { name: 'Create route' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create route' });
    await dialog.waitFor();
    await dialog.getByLabel('Name', { exact: true }).fill('chat-route');
    await dialog.getByLabel('Model names').fill('chat-a, bad model');
    await dialog.getByLabel('Strategy').selectOption('weighted_random');
    await dialog.getByLabel('Priority').fill('5');
    const t1 = dialog.getByRole('group', { name: 'Target 1' });
    await t1.getByLabel('Source').selectOption({ label: 'src-primary' });
    await t1.getByLabel('Weight').fill('3');
    await t1.getByLabel('Upstream model').fill('upstream-a');
    await dialog.getByRole('button', { name: 'Add target' }).click();
    await dialog.getByRole('group', { name: 'Target 2' }).getByLabel('Source').selectOption({ label: 'src-backup' });
    await dialog.getByRole('button', { name: 'Add fallback' }).click();
    const f1 = dialog.getByRole('group', { name: 'Fallback 1' });
    await f1.getByLabel('Source').selectOption({ label: 'src-backup' });
    await f1.getByLabel('Upstream model').fill('fallback-model');
    await dialog.getByRole('button', { name: 'Add matcher' }).click();
    await dialog.getByLabel('Matcher name 1').fill('x-team');
    await dialog.getByLabel('Matcher value 1').fill('blue');

    // A glob with a space is refused beside the field, as the gateway would.
    await dialog.getByRole('button', { name: 'Create route' }).click();
    await dialog.getByText('must not contain spaces').waitFor();
    await dialog.getByLabel('Model names').fill('chat-a, chat-b');
    await dialog.getByRole('button', { name: 'Create route' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row').filter({ hasText: 'chat-route' });
    await row.waitFor();
    expect(await row.textContent()).toContain('src-primary ×3 → upstream-a');
    expect(await row.textContent()).toContain('Weighted random');

    const created = await routeNamed('chat-route');
    expect(created).toMatchObject({
      match: { models: ['chat-a', 'chat-b'], headers: { 'x-team': 'blue' } },
      targets: [
        { source_id: sourceIds['src-primary'], weight: 3, model: 'upstream-a' },
        { source_id: sourceIds['src-backup'], weight: 1 },
      ],
      fallback: [{ source_id: sourceIds['src-backup'], weight: 1, model: 'fallback-model' }],
      strategy: 'weighted_random',
      priority: 5,
      enabled: true,
    });
    expect(created!.match.paths ?? []).toEqual([]);

    // Edit: another strategy, the second target removed.
    await row.getByRole('button', { name: 'Edit chat-route' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit chat-route' });
    await edit.waitFor();
    expect(await edit.getByRole('group', { name: 'Target 1' }).getByLabel('Upstream model').inputValue()).toBe('upstream-a');
    await edit.getByLabel('Strategy').selectOption('least_connections');
    await edit.getByRole('button', { name: 'Remove target 2' }).click();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });
    await row.getByText('Least connections').waitFor();
    expect(await routeNamed('chat-route')).toMatchObject({
      strategy: 'least_connections',
      targets: [{ source_id: sourceIds['src-primary'], weight: 3, model: 'upstream-a' }],
      fallback: [{ source_id: sourceIds['src-backup'] }],
    });

    // Export: a YAML file holding the route (sources by name), and the same as JSON.
    const yaml = await download(page, 'Export YAML');
    expect(yaml.name).toMatch(/^aigw-config-\d{4}-\d{2}-\d{2}\.yaml$/);
    expect(yaml.text).toContain('name: chat-route');
    expect(yaml.text).toContain('strategy: least_connections');
    expect(yaml.text).toContain('source: src-primary');
    const json = await download(page, 'Export JSON');
    expect(json.name).toMatch(/\.json$/);
    const document = JSON.parse(json.text);
    expect(document.routes.map((r: { name: string }) => r.name)).toEqual(['chat-route']);

    // Import: the uploaded export changes nothing, so there is nothing to apply.
    const importPanel = page.getByRole('textbox', { name: 'Configuration document' });
    const yamlFile = `${OUTPUT_DIR}export.yaml`;
    await mkdir(OUTPUT_DIR, { recursive: true });
    await writeFile(yamlFile, yaml.text);
    await page.getByLabel('Upload a configuration file').setInputFiles(yamlFile);
    await expect.poll(() => importPanel.inputValue()).toBe(yaml.text);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByText('The gateway already matches this document.').waitFor();
    expect(await page.getByRole('button', { name: 'Apply', exact: true }).isDisabled()).toBe(true);

    // A broken document: the gateway's message and the field.
    await importPanel.fill('version: 1\nroutes:\n  - name: broken\n');
    await page.getByRole('button', { name: 'Preview' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'The document cannot be applied' });
    await problem.waitFor();
    expect(await problem.textContent()).toContain('Invalid config document');

    // A document that adds a route and changes another: the plan, then apply.
    document.routes[0].priority = 9;
    document.routes.push({ name: 'imported-route', match: { models: ['imported-model'] }, targets: [{ source: 'src-backup', weight: 2 }] });
    await importPanel.fill(JSON.stringify(document, null, 2));
    await page.getByRole('button', { name: 'Preview' }).click();
    await preview.getByTestId('plan-summary').waitFor();
    expect(await preview.getByTestId('plan-summary').textContent()).toBe('1 to create · 1 to update · 2 unchanged');
    const planned = preview.getByRole('table', { name: 'Planned changes' });
    const updateRow = planned.getByRole('row').filter({ hasText: 'chat-route' });
    expect(await updateRow.textContent()).toContain('Update');
    expect(await updateRow.textContent()).toContain('priority');
    expect(await planned.getByRole('row').filter({ hasText: 'imported-route' }).textContent()).toContain('Create');
    expect(await planned.getByRole('row').filter({ hasText: 'src-primary' }).textContent()).toContain('Unchanged');
    expect(await routeNamed('imported-route')).toBeUndefined();

    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const applied = page.getByRole('region', { name: 'Applied' });
    await applied.getByText('1 created · 1 updated · 2 unchanged').waitFor();
    const importedRow = page.getByRole('table', { name: 'Routes' }).getByRole('row').filter({ hasText: 'imported-route' });
    await importedRow.waitFor();
    expect(await importedRow.textContent()).toContain('src-backup ×2');
    expect(await routeNamed('imported-route')).toMatchObject({ match: { models: ['imported-model'] }, targets: [{ source_id: sourceIds['src-backup'], weight: 2 }] });
    expect(await routeNamed('chat-route')).toMatchObject({ priority: 9 });

    // Delete the imported route.
    await importedRow.getByRole('button', { name: 'Delete imported-route' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete route?' });
    await confirm.getByRole('button', { name: 'Delete route' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await importedRow.waitFor({ state: 'detached' });
    expect(await routeNamed('imported-route')).toBeUndefined();

    expect(session.pageErrors).toEqual([]);
  });
});
