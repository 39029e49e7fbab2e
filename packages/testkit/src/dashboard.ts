import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectPageErrors, launchChromium, requireWebBuild } from './browser.js';
import { ADMIN, startGateway, type GatewayProcess } from './gateway-process.js';

export interface DashboardSession {
  gateway: GatewayProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far (see collectPageErrors). */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * A real gateway serving the built dashboard, and a Chromium page pointed at it. Close it in afterAll.
 * If either cannot start, the other is stopped before the error is thrown (no gateway or database left).
 */
export async function openDashboard(options: { gatewayEnv?: Record<string, string>; permissions?: string[]; executablePath?: string } = {}): Promise<DashboardSession> {
  requireWebBuild();
  const [started, launched] = await Promise.allSettled([startGateway({ storage: 'postgres', env: options.gatewayEnv }), launchChromium({ executablePath: options.executablePath })]);
  if (started.status === 'rejected' || launched.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.cleanup();
    if (launched.status === 'fulfilled') await launched.value.close();
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  const gateway = started.value;
  const browser = launched.value;
  const context = await browser.newContext({ baseURL: gateway.url, viewport: { width: 1400, height: 900 } });
  if (options.permissions) await context.grantPermissions(options.permissions, { origin: gateway.url });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return {
    gateway,
    browser,
    context,
    page,
    pageErrors: collectPageErrors(page),
    async close() {
      await context.close();
      await browser.close();
      await gateway.cleanup();
    },
  };
}

/** Fills the login form and submits it (the page must be on /login). */
export async function signIn(page: Page, credentials: { email: string; password: string } = ADMIN): Promise<void> {
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Another user's page beside the session's (a browser context of its own, so the first user stays
 * signed in there), opened at `path` and signed in as `credentials`. Close it when done.
 */
export async function openAs(session: DashboardSession, credentials: { email: string; password: string }, path: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await session.browser.newContext({ baseURL: session.gateway.url, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(path);
  await signIn(page, credentials);
  return { page, close: () => context.close() };
}
