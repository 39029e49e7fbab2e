import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

/** Debian's Chromium (`apt-get install chromium`); playwright-core never downloads a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** The dashboard's production build, which the gateway serves at `/`. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../apps/web/dist/', import.meta.url));

/** Fails with the fix when the dashboard is not built (the gateway would serve a text page instead). */
export function requireWebBuild(): void {
  if (!existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
    throw new Error('The web app is not built: run `pnpm --filter ./apps/web build` (or `pnpm build`) before the browser tests.');
  }
}

/** Launches the system Chromium headless. Close it in afterAll. */
export async function launchChromium(options: { executablePath?: string } = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install Debian's package (apt-get install chromium); the tests never download a browser.`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Call inside a test: if it fails, saves a full-page screenshot to `dir/<test name>.png`
 * (and runs `extra`, e.g. to print the gateway's log).
 */
export function screenshotOnFailure(page: Page, dir: string, extra?: () => void): void {
  onTestFailed(async ({ task }) => {
    const file = path.join(dir, `${task.name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase() || 'failure'}.png`);
    try {
      await mkdir(dir, { recursive: true });
      await page.screenshot({ path: file, fullPage: true });
      console.error(`screenshot of the failure: ${file}`);
    } catch (err) {
      console.error(`could not take a screenshot: ${String(err)}`);
    }
    extra?.();
  });
}

/**
 * Collects what the page reports as broken: console errors (CSP violations among them) and
 * uncaught exceptions. HTTP error statuses the app expects and handles (a wrong password's 401)
 * are left out: Chromium logs each as "Failed to load resource".
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}
