/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { signIn } from '@aigw/testkit/dashboard';
import { ADMIN } from '@aigw/testkit/gateway-process';

import { dashboardWithUpstream } from './traffic';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));
const VIEWER = { email: 'auditor@test.local', password: 'auditor-password-123' };

describe('audit log journey', () => {
  const ctx = dashboardWithUpstream();

  it('shows an edit made in the dashboard with its before and after, and filters the log', async () => {
    const { session, gateway, page, upstream } = ctx;
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));
    const admin = await AdminClient.login(gateway.url);
    const { route } = await admin.setupChat([upstream.url], 'audit-model');
    expect((await admin.post('/api/admin/users', { ...VIEWER, role: 'viewer' })).status).toBe(201);
    await AdminClient.login(gateway.url, VIEWER);
    // A refused change is audited as failed.
    expect((await admin.patch(`/api/admin/routes/${route.id}`, { priority: 'high' })).status).toBe(400);

    // Edit the route's priority in the dashboard.
    await page.goto('/routes');
    await signIn(page);
    const row = page.getByRole('row').filter({ hasText: route.name });
    await row.getByRole('button', { name: `Edit ${route.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${route.name}` });
    await dialog.getByLabel('Priority').fill('7');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The audit log has it first, by the admin, succeeded.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit Log' }).click();
    await page.getByRole('heading', { name: 'Audit Log', level: 1 }).waitFor();
    const entries = page.getByRole('table', { name: 'Audit entries' }).locator('tbody tr[data-entry]');
    await entries.first().waitFor();
    const latest = entries.first();
    expect(await latest.innerText()).toContain('route.update');
    expect(await latest.innerText()).toContain(ADMIN.email);
    expect(await latest.innerText()).toContain(route.id);
    expect(await latest.innerText()).toContain('succeeded');

    // Its details: the changed field, and the route before and after.
    await latest.getByRole('button', { name: /^Details of route\.update/ }).click();
    const changes = page.getByRole('table', { name: 'Changes' });
    const priority = changes.getByRole('row').filter({ hasText: /^priority/ });
    await priority.waitFor();
    expect(await priority.getAttribute('data-change')).toBe('changed');
    expect((await priority.locator('td').allTextContents()).slice(0, 3)).toEqual(['priority', '0', '7']);
    expect(await page.getByRole('region', { name: 'Before' }).textContent()).toContain('"priority": 0');
    expect(await page.getByRole('region', { name: 'After' }).textContent()).toContain('"priority": 7');

    // Filters: the action; the outcome; the resource type; the actor.
    const filters = page.getByRole('form', { name: 'Audit filters' });
    const apply = () => filters.getByRole('button', { name: 'Apply filters' }).click();
    const actions = async () => (await entries.locator('td:nth-child(3)').allTextContents()).sort();

    await filters.getByLabel('Action').fill('route.update');
    await apply();
    await expect.poll(actions).toEqual(['route.update', 'route.update']);
    await filters.getByLabel('Outcome').selectOption('failed');
    await apply();
    await expect.poll(actions).toEqual(['route.update']);
    expect(await entries.first().innerText()).toContain('failed');

    await filters.getByRole('button', { name: 'Reset' }).click();
    await filters.getByLabel('Resource type').fill('source');
    await apply();
    await expect.poll(actions).toEqual(['source.create']);

    await filters.getByRole('button', { name: 'Reset' }).click();
    await filters.getByLabel('Actor').selectOption({ label: VIEWER.email });
    await apply();
    await expect.poll(actions).toEqual(['auth.login']);
    expect(await entries.first().innerText()).toContain(VIEWER.email);

    // Nothing before the gateway existed.
    await page.getByLabel('Time range').selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill('2020-01-01T00:00');
    await page.getByLabel('To', { exact: true }).fill('2020-01-02T00:00');
    await page.getByRole('button', { name: 'Apply range' }).click();
    await page.getByText('No audit entries match').waitFor();

    expect(session.pageErrors).toEqual([]);
  });
});
