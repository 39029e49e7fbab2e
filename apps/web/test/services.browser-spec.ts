/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { openDashboard, signIn, type DashboardSession } from '@aigw/testkit/dashboard';
import type { GatewayProcess } from '@aigw/testkit/gateway-process';
import { call } from '@aigw/testkit/http';
import { MockOpenAI } from '@aigw/testkit/mock-openai';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));
const MODEL = 'svc-model';

describe('services journey', () => {
  let session: DashboardSession;
  let gateway: GatewayProcess;
  let page: Page;
  let healthy: MockOpenAI;
  let doomed: MockOpenAI;

  beforeAll(async () => {
    [session, healthy, doomed] = await Promise.all([openDashboard(), MockOpenAI.start({ name: 'steady' }), MockOpenAI.start({ name: 'doomed' })]);
    ({ gateway, page } = session);
  });
  afterAll(async () => {
    await Promise.all([session?.close(), healthy?.close(), doomed?.close().catch(() => undefined)]);
  });

  it('lists every instance with live health and shows a dead upstream taken out of rotation without a reload', async () => {
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));
    const admin = await AdminClient.login(gateway.url);
    const { key, source } = await admin.setupChat([healthy.url, doomed.url], MODEL);
    const chat = () => call(gateway.url, 'POST', '/v1/chat/completions', { key, body: { model: MODEL, messages: [{ role: 'user', content: 'ping' }] } });

    await page.goto('/services');
    await signIn(page);
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Service instances' });
    const steadyRow = table.getByRole('row').filter({ hasText: healthy.url });
    const doomedRow = table.getByRole('row').filter({ hasText: doomed.url });

    // Both instances, never checked yet.
    await steadyRow.getByText('Unknown').waitFor();
    await doomedRow.getByText('Unknown').waitFor();
    expect(await steadyRow.textContent()).toContain(source.name);
    expect(await steadyRow.textContent()).toContain('Never');

    // Traffic makes both healthy; the page refreshes by itself.
    for (let i = 0; i < 4; i++) expect((await chat()).status).toBe(200);
    await steadyRow.getByText('Healthy').waitFor();
    await doomedRow.getByText('Healthy').waitFor();
    expect(await steadyRow.textContent()).toMatch(/\d+ s ago/);
    expect(await steadyRow.textContent()).toMatch(/\d+(\.\d)? ms/);

    // One upstream dies; a few chats fail over or fail, and the dead instance is taken out of rotation.
    await doomed.close();
    for (let i = 0; i < 8; i++) await chat();
    await doomedRow.getByText(/Ejected|Unhealthy/).waitFor({ timeout: 15_000 });
    const failures = Number(await doomedRow.getByRole('cell').nth(5).textContent());
    expect(failures).toBeGreaterThanOrEqual(3);
    expect(await doomedRow.getByRole('cell').nth(7).textContent()).not.toBe('—');
    expect(await steadyRow.getByText('Healthy').count()).toBe(1);

    // Filter by state: the address bar keeps it; a state nobody is in says so.
    const filters = page.getByRole('group', { name: 'Filter by state' });
    await filters.getByRole('button', { name: /^Healthy/ }).click();
    await page.waitForURL((url) => url.searchParams.get('state') === 'healthy');
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await doomedRow.count()).toBe(0);
    await filters.getByRole('button', { name: /^Disabled/ }).click();
    await page.getByText('No instance in this state').waitFor();
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(3);

    expect(session.pageErrors).toEqual([]);
  });
});
