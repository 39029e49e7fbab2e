/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { openDashboard, signIn, type DashboardSession } from '@aigw/testkit/dashboard';
import { ADMIN, type GatewayProcess } from '@aigw/testkit/gateway-process';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));

/** Pages with content of their own; the others show their title and "not built yet". */
const BUILT = new Set(['/', '/sources', '/services', '/routes', '/domains', '/certificates', '/local-models', '/keys', '/namespaces', '/usage', '/playground', '/audit']);

const PAGES = [
  ['Dashboard', '/'],
  ['Service Sources', '/sources'],
  ['Services', '/services'],
  ['Routes', '/routes'],
  ['Domains', '/domains'],
  ['Certificates', '/certificates'],
  ['Local Models', '/local-models'],
  ['API Keys', '/keys'],
  ['Namespaces & Policies', '/namespaces'],
  ['Usage', '/usage'],
  ['Playground', '/playground'],
  ['Users', '/users'],
  ['Audit Log', '/audit'],
  ['Settings', '/settings'],
] as const;

describe('shell and session journey', () => {
  let session: DashboardSession;
  let gateway: GatewayProcess;
  let page: Page;

  beforeAll(async () => {
    // Access tokens that expire within the test, so the dashboard has to refresh them.
    session = await openDashboard({ gatewayEnv: { ACCESS_TOKEN_TTL: '2' } });
    ({ gateway, page } = session);
  });
  afterAll(() => session?.close());

  it('shows every page in the navigation, placeholders for unbuilt ones, survives token expiry and logs out', async () => {
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));

    // A deep link while signed out comes back to that page after signing in.
    await page.goto('/settings');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/settings');
    await signIn(page);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings');

    // The navigation lists every page, in order.
    const nav = page.getByRole('navigation', { name: 'Main' });
    const links = nav.getByRole('link');
    expect(await links.allTextContents()).toEqual(PAGES.map(([label]) => label));

    // Every page has its title; each unbuilt one shows "not built yet", nothing more.
    for (const [label, path] of PAGES) {
      await nav.getByRole('link', { name: label, exact: true }).click();
      await page.getByRole('heading', { name: label, level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(path);
      expect(await page.title()).toBe(`${label} · AI Gateway`);
      if (BUILT.has(path)) expect(await page.getByRole('main').textContent()).not.toContain('This page is not built yet.');
      else expect(await page.getByRole('main').textContent()).toBe(`${label}This page is not built yet.`);
    }

    // The access token expires (2 s); the next call refreshes it behind the scenes.
    await page.waitForTimeout(3000);
    await nav.getByRole('link', { name: 'API Keys' }).click();
    await page.getByText('No API keys yet').waitFor();
    await page.getByText(ADMIN.email).waitFor();

    // Logging out returns to the login page, and the app's pages are closed again.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.goto('/keys');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/keys');

    expect(session.pageErrors).toEqual([]);
  });
});
