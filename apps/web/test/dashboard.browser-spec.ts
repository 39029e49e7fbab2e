/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { signIn } from '@aigw/testkit/dashboard';
import { dashboardWithUpstream, sendChat, waitForUsage } from './traffic';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));

describe('dashboard journey', () => {
  const ctx = dashboardWithUpstream();

  it('charts the traffic, tokens, latency and busiest keys and models of the chosen range', async () => {
    const { session, gateway, page, upstream } = ctx;
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));
    const admin = await AdminClient.login(gateway.url);
    const alpha = await admin.setupChat([upstream.url], 'dash-alpha');
    const beta = await admin.setupChat([upstream.url], 'dash-beta');

    // Three good requests with alpha's key; one good and one failed upstream with beta's.
    for (const text of ['one', 'two', 'three']) expect(await sendChat(gateway.url, alpha.key, 'dash-alpha', text)).toBe(200);
    expect(await sendChat(gateway.url, beta.key, 'dash-beta', 'four')).toBe(200);
    upstream.nextResponse({ status: 500, body: { error: { message: 'upstream broke', type: 'server_error' } } });
    expect(await sendChat(gateway.url, beta.key, 'dash-beta', 'five')).toBeGreaterThanOrEqual(500);
    const records = await waitForUsage(admin, 5);
    const inputTokens = records.reduce((n, r) => n + r.input_tokens, 0);
    const outputTokens = records.reduce((n, r) => n + r.output_tokens, 0);
    expect(inputTokens).toBeGreaterThan(0);

    // The landing page is the dashboard, over the last 24 hours.
    await page.goto('/');
    await signIn(page);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(await page.getByLabel('Time range').inputValue()).toBe('24h');

    const legend = (chart: string, series: string) => page.getByRole('figure', { name: chart }).locator(`[data-legend="${series}"]`);
    const tile = (label: string) => page.getByRole('term').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]');
    await legend('Traffic', 'Requests').getByText('5 total').waitFor();
    await legend('Traffic', 'Errors').getByText('1 total').waitFor();
    await legend('Tokens', 'Input tokens').getByText(`${inputTokens.toLocaleString('en-US')} total`).waitFor();
    await legend('Tokens', 'Output tokens').getByText(`${outputTokens.toLocaleString('en-US')} total`).waitFor();
    expect(await tile('Requests').textContent()).toBe('5');
    expect(await tile('Error rate').textContent()).toBe('20%');

    // Latency percentiles are drawn: each line has at least one point.
    for (const chart of ['Latency', 'Time to first token']) {
      for (const series of ['p50', 'p90', 'p99']) {
        const d = await page.getByRole('figure', { name: chart, exact: true }).locator(`path[data-series="${series}"]`).getAttribute('d');
        expect(d, `${chart} ${series}`).toMatch(/^M\d/);
      }
    }
    // Hovering a bucket names its values: one bucket holds all five requests.
    const bucketTitles = await page.getByRole('figure', { name: 'Traffic' }).locator('rect title').allTextContents();
    expect(bucketTitles.some((t) => t.includes('Requests: 5, Errors: 1'))).toBe(true);

    // The busiest keys and models, by requests.
    const topKeys = page.getByRole('list', { name: 'Top keys' }).getByRole('listitem');
    await topKeys.first().getByText(alpha.route.name).waitFor();
    expect(await topKeys.allTextContents()).toEqual([expect.stringContaining('3 requests'), expect.stringContaining(beta.route.name)]);
    expect(await topKeys.nth(1).textContent()).toContain('2 requests1 error');
    const topModels = page.getByRole('list', { name: 'Top models' }).getByRole('listitem');
    await topModels.first().getByText('dash-alpha').waitFor();
    expect(await topModels.nth(1).textContent()).toContain('dash-beta');

    // A custom range before any traffic is empty.
    await page.getByLabel('Time range').selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill('2020-01-01T00:00');
    await page.getByLabel('To', { exact: true }).fill('2020-01-02T00:00');
    await page.getByRole('button', { name: 'Apply range' }).click();
    await legend('Traffic', 'Requests').getByText('0 total').waitFor();
    await page.getByRole('region', { name: 'Top keys' }).getByText('No requests in this range.').waitFor();
    expect(await tile('Requests').textContent()).toBe('0');

    // A backwards range is refused beside the fields, and the charts keep the last good range.
    await page.getByLabel('From', { exact: true }).fill('2020-01-03T00:00');
    await page.getByRole('button', { name: 'Apply range' }).click();
    await page.getByText('The start must be before the end').waitFor();

    // Back to the last hour: the traffic is there again.
    await page.getByLabel('Time range').selectOption('1h');
    await legend('Traffic', 'Requests').getByText('5 total').waitFor();
    await topModels.first().getByText('dash-alpha').waitFor();

    expect(session.pageErrors).toEqual([]);
  });
});
