/// <reference types="node" />
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { openDashboard, signIn, type DashboardSession } from '@aigw/testkit/dashboard';
import { FakeHub } from '@aigw/testkit/fake-hub';
import type { GatewayProcess } from '@aigw/testkit/gateway-process';
import { startModelHost, type ModelHostProcess } from '@aigw/testkit/model-host-process';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));
const HOST_TOKEN = 'browser-model-host-token-0123456789';
/** One GPU, in `nvidia-smi --query-gpu=... --format=csv,noheader,nounits` format. */
const GPUS = '0, NVIDIA L4, 23034, 2048, 7';

describe('local models journey', () => {
  const hub = new FakeHub();
  let dir: string;
  let host: ModelHostProcess;
  let session: DashboardSession;
  let gateway: GatewayProcess;
  let page: Page;

  beforeAll(async () => {
    await hub.start();
    hub.addRepo('acme/tiny-chat', [
      { path: 'config.json', content: Buffer.from('{"architectures": ["Tiny"]}') },
      { path: 'model.safetensors', content: randomBytes(640 * 1024), lfs: true },
    ]);
    // slow enough for the progress bar to be seen moving
    hub.bytesPerSecond = 256 * 1024;
    dir = await mkdtemp(path.join(tmpdir(), 'aigw-web-mh-'));
    const bin = path.join(dir, 'bin');
    await mkdir(bin);
    await writeFile(path.join(bin, 'nvidia-smi'), `#!/bin/sh\ncase "$1" in\n  --query-gpu=*) echo '${GPUS}' ;;\n  *) ;;\nesac\n`);
    await chmod(path.join(bin, 'nvidia-smi'), 0o755);
    const base = 40_000 + Math.floor(Math.random() * 10_000);
    [host, session] = await Promise.all([
      startModelHost({
        DATA_DIR: path.join(dir, 'data'),
        MODEL_HOST_TOKEN: HOST_TOKEN,
        HF_ENDPOINT: hub.url,
        MIN_FREE_DISK_MB: '0',
        PORT_RANGE: `${base}-${base + 10}`,
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      }),
      openDashboard({ gatewayEnv: { MODEL_HOST_POLL_MS: '1000' } }),
    ]);
    ({ gateway, page } = session);
  });
  afterAll(async () => {
    await session?.close();
    await host?.stop();
    await hub.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const state = (id: string) => page.getByLabel(`State of ${id}`);

  it('registers a host, downloads a model with live progress, starts it, reads its log and stops it', async () => {
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(session.pageErrors, gateway.output().slice(-3000), host.output().slice(-2000)));

    await page.goto('/local-models');
    await signIn(page);
    await page.getByRole('heading', { name: 'Local Models', level: 1 }).waitFor();
    await page.getByText('No model hosts yet').waitFor();

    // Register: the answer carries the first health check and the GPUs.
    await page.getByRole('button', { name: 'Register host' }).first().click();
    const register = page.getByRole('dialog', { name: 'Register model host' });
    await register.getByLabel('Name', { exact: true }).fill('gpu-1');
    await register.getByLabel('URL').fill(host.url);
    await register.getByLabel('Token').fill(HOST_TOKEN);
    await register.getByRole('button', { name: 'Register host' }).click();
    const hostRow = page.getByRole('row', { name: 'Host gpu-1' });
    await hostRow.getByText('Healthy').waitFor();
    expect(await hostRow.textContent()).toContain('GPU 0 · NVIDIA L4 · 2048 / 23034 MiB · 7% busy');
    expect(await hostRow.getByRole('meter', { name: 'GPU 0 memory used' }).getAttribute('aria-valuenow')).toBe('9');

    // Add and download: the bars move while the host streams its progress.
    await page.getByRole('button', { name: 'Add model' }).first().click();
    const add = page.getByRole('dialog', { name: 'Add local model' });
    await add.getByLabel('Name', { exact: true }).fill('Tiny chat');
    await add.getByLabel('Id (optional)').fill('tiny-chat');
    await add.getByLabel('Served name (optional)').fill('tiny-chat-ref');
    await add.getByLabel('Repository').fill('acme/tiny-chat');
    await add.getByRole('button', { name: 'Add and download' }).click();
    await add.waitFor({ state: 'detached' });

    const download = page.getByRole('region', { name: 'Download of tiny-chat' });
    await download.waitFor();
    await state('tiny-chat').getByText('downloading').waitFor();
    const weights = download.getByRole('progressbar', { name: 'model.safetensors' });
    await page.waitForFunction(() => {
      const bar = document.querySelector('[role="progressbar"][aria-label="model.safetensors"]');
      const value = Number(bar?.getAttribute('aria-valuenow'));
      return value > 0 && value < 100;
    });
    expect(await weights.isVisible()).toBe(true);
    await state('tiny-chat').getByText('stopped').waitFor({ timeout: 30_000 });

    // Start: the state goes through to running; the host shows what it serves.
    const modelRow = page.getByRole('row', { name: 'Model tiny-chat' });
    await modelRow.getByRole('button', { name: 'Start' }).click();
    await state('tiny-chat').getByText('running').waitFor({ timeout: 30_000 });
    await hostRow.getByText('tiny-chat-ref').waitFor();

    // An error comes back as the API gives it: settings cannot change while the model runs.
    await modelRow.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings of tiny-chat' });
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'invalid_model_state' }).getByText('while it is running').waitFor();
    await settings.getByRole('button', { name: 'Cancel' }).click();

    // The live log tail: the host's own lines about the start.
    await modelRow.getByRole('button', { name: 'Logs' }).click();
    const log = page.getByRole('log', { name: 'Log of tiny-chat' });
    await log.getByText(/ready/).first().waitFor();

    // Stop: back to stopped, and no longer served.
    await modelRow.getByRole('button', { name: 'Stop' }).click();
    await state('tiny-chat').getByText('stopped').waitFor({ timeout: 30_000 });
    await modelRow.getByRole('button', { name: 'Start' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('[aria-label="Host gpu-1"]')?.textContent?.includes('tiny-chat-ref'));
    expect(session.pageErrors).toEqual([]);
  });
});
