/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { USAGE_CSV_COLUMNS } from '@aigw/shared/admin/usage';
import { describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { signIn } from '@aigw/testkit/dashboard';
import { dashboardWithUpstream, sendChat, waitForUsage } from './traffic';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));

describe('usage journey', () => {
  const ctx = dashboardWithUpstream();

  it('lists, filters, pages, aggregates and exports the recorded requests', async () => {
    const { session, gateway, page, upstream } = ctx;
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));
    const admin = await AdminClient.login(gateway.url);
    const alpha = await admin.setupChat([upstream.url], 'use-alpha');
    const beta = await admin.setupChat([upstream.url], 'use-beta');
    const namespace = await admin.post('/api/admin/namespaces', { name: 'team-usage' });
    expect(namespace.status).toBe(201);
    const teamKey = await admin.post('/api/admin/keys', { name: 'team-key', namespace_id: namespace.body.id });
    expect(teamKey.status).toBe(201);

    // 48 requests with alpha's key, two with beta's (the second fails upstream), one with the team's key.
    for (let batch = 0; batch < 6; batch++) {
      const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => sendChat(gateway.url, alpha.key, 'use-alpha', `a${batch}-${i}`)));
      expect(statuses).toEqual(Array(8).fill(200));
    }
    expect(await sendChat(gateway.url, beta.key, 'use-beta', 'fine')).toBe(200);
    upstream.nextResponse({ status: 500, body: { error: { message: 'upstream broke', type: 'server_error' } } });
    expect(await sendChat(gateway.url, beta.key, 'use-beta', 'broken')).toBeGreaterThanOrEqual(500);
    expect(await sendChat(gateway.url, teamKey.body.key, 'use-alpha', 'team')).toBe(200);
    const records = await waitForUsage(admin, 51);

    await page.goto('/usage');
    await signIn(page);
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    const rows = page.getByRole('table', { name: 'Usage records' }).locator('tbody tr');
    const groups = page.getByRole('table', { name: 'Usage by group' }).locator('tbody tr');
    const filters = page.getByRole('form', { name: 'Usage filters' });
    const apply = () => filters.getByRole('button', { name: 'Apply filters' }).click();

    // A page of 50, newest first; Load more brings the last one.
    await rows.nth(49).waitFor();
    expect(await rows.count()).toBe(50);
    expect(await rows.first().textContent()).toContain(records[0]!.request_id);
    await page.getByRole('button', { name: 'Load more' }).click();
    await rows.nth(50).waitFor();
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(51);

    // Grouped by key: each key's requests, by name, busiest first; then by model.
    await groups.first().waitFor();
    expect(await groups.allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^${alpha.route.name}\\s+48\\s+0\\s`)),
      expect.stringMatching(new RegExp(`^${beta.route.name}\\s+2\\s+1\\s`)),
      expect.stringMatching(/^team-key\s+1\s+0\s/),
    ]);
    await page.getByRole('figure', { name: 'Requests by group' }).locator(`[data-legend="${alpha.route.name}"]`).waitFor();
    await page.getByLabel('Group by').selectOption('model');
    await groups.filter({ hasText: 'use-alpha' }).getByText('49', { exact: true }).waitFor();
    expect(await groups.filter({ hasText: 'use-beta' }).innerText()).toMatch(/^use-beta\s+2\s+1\s/);

    // Filters: one key; then its errors only.
    await filters.getByLabel('Key').selectOption({ label: beta.route.name });
    await apply();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining(beta.route.name), expect.stringContaining(beta.route.name)]);
    await filters.getByLabel('Status').selectOption('error');
    await apply();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toMatch(/\b5\d\d\b/);

    // The CSV has the same rows as the filtered list.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^usage-.*\.csv$/);
    const csv = (await readFile((await file.path())!, 'utf8')).trim().split(/\r?\n/);
    expect(csv[0]).toBe(USAGE_CSV_COLUMNS.join(','));
    expect(csv).toHaveLength(2);
    const failed = records.find((r) => r.key_id === beta.keyId && r.status >= 500)!;
    expect(csv[1]).toContain(failed.id);
    expect(csv[1]).toContain(beta.keyId);

    // Namespace and model filters; Reset brings everything back.
    await filters.getByRole('button', { name: 'Reset' }).click();
    await rows.nth(49).waitFor();
    await filters.getByLabel('Namespace').selectOption({ label: 'team-usage' });
    await apply();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('team-usage');
    expect(await rows.first().innerText()).toContain('team-key');
    await filters.getByLabel('Namespace').selectOption({ label: 'All namespaces' });
    await filters.getByLabel('Model').fill('use-beta');
    await apply();
    await expect.poll(() => rows.count()).toBe(2);

    // A range before any traffic is empty.
    await page.getByLabel('Time range').selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill('2020-01-01T00:00');
    await page.getByLabel('To', { exact: true }).fill('2020-01-02T00:00');
    await page.getByRole('button', { name: 'Apply range' }).click();
    await page.getByText('No requests match', { exact: true }).waitFor();
    await page.getByText('No requests match these filters.').waitFor();

    expect(session.pageErrors).toEqual([]);
  });

  it('shows the bodies a log_bodies policy kept, for that request only', async () => {
    const { session, gateway, page } = ctx;
    const admin = await AdminClient.login(gateway.url);
    const policy = await admin.post('/api/admin/policies', { name: 'keep-bodies', log_bodies: true });
    const logged = await admin.post('/api/admin/keys', { name: 'logged-key', policy_ids: [policy.body.id] });
    expect(await sendChat(gateway.url, logged.body.key, 'use-alpha', 'please keep this body')).toBe(200);
    const records = await waitForUsage(admin, 52);
    const kept = records.find((r) => r.key_id === logged.body.id)!;
    expect(kept.has_bodies).toBe(true);

    await page.goto('/usage');
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    // only the kept request has the button
    await expect.poll(() => page.getByRole('button', { name: /^Bodies of / }).count()).toBe(1);
    await page.getByRole('button', { name: `Bodies of ${kept.request_id}` }).click();
    const dialog = page.getByRole('dialog', { name: `Bodies of ${kept.request_id}` });
    await dialog.getByRole('region', { name: 'Request' }).getByText('please keep this body').waitFor();
    expect(await dialog.getByRole('region', { name: 'Response' }).innerText()).toContain('echo: please keep this body');
    expect(session.pageErrors).toEqual([]);
  });
});
