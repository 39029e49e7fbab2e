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
const MODEL = 'play-model';

/** Chunks streaming `text` a word at a time, as the mock's echo does. */
const wordChunks = (text: string) =>
  text.split(' ').map((word, i) => ({
    id: 'chatcmpl-scripted',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: MODEL,
    choices: [{ index: 0, delta: { content: i === 0 ? word : ` ${word}` }, finish_reason: null }],
  }));

describe('playground journey', () => {
  let session: DashboardSession;
  let gateway: GatewayProcess;
  let page: Page;
  let upstream: MockOpenAI;

  beforeAll(async () => {
    [session, upstream] = await Promise.all([openDashboard(), MockOpenAI.start({ name: 'echoer' })]);
    ({ gateway, page } = session);
  });
  afterAll(async () => {
    await Promise.all([session?.close(), upstream?.close()]);
  });

  it('streams an answer progressively, stops, answers without streaming, and shows errors in and out of band', async () => {
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));
    const admin = await AdminClient.login(gateway.url);
    const { key, keyId } = await admin.setupChat([upstream.url], MODEL);

    await page.goto('/playground');
    await signIn(page);
    await page.getByRole('heading', { name: 'Playground', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Create a key on API Keys' }).waitFor();

    // Pick the model a route serves, paste the key, write the message.
    const form = page.getByRole('form', { name: 'Chat request' });
    await form.getByLabel('Model', { exact: true }).selectOption(MODEL);
    await form.getByLabel('API key').fill(key);
    await form.getByLabel('System prompt (optional)').fill('You are terse.');
    await form.getByLabel('Message', { exact: true }).fill('Hello there');
    await form.getByLabel('Max tokens').fill('64');
    const answer = page.getByTestId('answer');
    const metrics = page.getByRole('definition');

    // Streamed: the mock's own echo, with usage from the last chunk.
    await form.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Done', { exact: true }).waitFor();
    expect(await answer.textContent()).toBe('echoer echo: Hello there');
    const sent = upstream.requests.at(-1)!.json as Record<string, unknown>;
    expect(sent).toMatchObject({
      model: MODEL,
      stream: true,
      max_tokens: 64,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hello there' },
      ],
    });
    expect(upstream.requests.at(-1)!.headers.authorization).toBe('Bearer sk-upstream-secret');
    const values = await metrics.allTextContents();
    expect(values[0]).toMatch(/^\d+(\.\d+)? m?s$/); // latency
    expect(values[1]).toMatch(/^\d+(\.\d+)? m?s$/); // time to first token
    expect(values.slice(2, 6)).toEqual(['5', '4', '9', 'stop']); // the mock counts 5 prompt tokens and one per word

    // Progressive: a slower stream shows words before it ends.
    const slow = 'echoer echo: one two three four five';
    upstream.nextResponse({ events: wordChunks(slow), eventDelayMs: 250 });
    await form.getByRole('button', { name: 'Send' }).click();
    const snapshots = new Set<string>();
    await expect
      .poll(
        async () => {
          snapshots.add((await answer.textContent()) ?? '');
          return answer.textContent();
        },
        { timeout: 10_000, interval: 50 },
      )
      .toBe(slow);
    const partial = [...snapshots].filter((s) => s.length > 0 && s !== slow && slow.startsWith(s));
    expect(partial.length).toBeGreaterThanOrEqual(2);

    // Stop aborts the stream: the words so far stay, the upstream call is abandoned.
    const abandonedBefore = upstream.abandoned;
    upstream.nextResponse({ events: wordChunks('echoer echo: a very long answer that takes a while to arrive in full'), eventDelayMs: 400 });
    await form.getByRole('button', { name: 'Send' }).click();
    await answer.getByText(/^echoer echo:/).waitFor();
    await form.getByRole('button', { name: 'Stop' }).click();
    await page.getByText('Stopped', { exact: true }).waitFor();
    const stoppedText = await answer.textContent();
    expect(stoppedText).not.toContain('in full');
    await page.waitForTimeout(600);
    expect(await answer.textContent()).toBe(stoppedText);
    await expect.poll(() => upstream.abandoned, { timeout: 5_000 }).toBeGreaterThan(abandonedBefore);

    // Without streaming: the whole answer at once, no time to first token.
    await form.getByLabel('Stream').uncheck();
    await form.getByLabel('Message', { exact: true }).fill('Not streamed');
    await form.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Done', { exact: true }).waitFor();
    expect(await answer.textContent()).toBe('echoer echo: Not streamed');
    expect((await metrics.allTextContents())[1]).toBe('n/a (not streamed)');
    expect(upstream.requests.at(-1)!.json).toMatchObject({ stream: false });

    // An upstream that dies mid-stream: the gateway's in-band error event, after the words that arrived.
    await form.getByLabel('Stream').check();
    upstream.nextResponse({ events: wordChunks('echoer echo: cut short here'), dropAfterEvents: 2 });
    await form.getByRole('button', { name: 'Send' }).click();
    const inBand = page.getByRole('alert').filter({ hasText: 'The stream reported an error' });
    await inBand.waitFor();
    expect(await answer.textContent()).toBe('echoer echo:');
    await page.getByText('Failed', { exact: true }).waitFor();

    // A wrong key, then a revoked one: the gateway's 401.
    await form.getByLabel('API key').fill('sk-not-a-real-key-0000000000000000');
    await form.getByRole('button', { name: 'Send' }).click();
    const failure = page.getByRole('alert').filter({ hasText: 'The request failed' });
    await failure.waitFor();
    expect(await failure.textContent()).toContain('invalid_api_key');

    expect((await admin.delete(`/api/admin/keys/${keyId}`)).status).toBe(204);
    const chat = { model: MODEL, messages: [{ role: 'user', content: 'x' }] };
    await expect.poll(async () => (await call(gateway.url, 'POST', '/v1/chat/completions', { key, body: chat })).status, { timeout: 3000 }).toBe(401);
    await form.getByLabel('API key').fill(key);
    await form.getByRole('button', { name: 'Send' }).click();
    await failure.getByText('api_key_revoked').waitFor();

    // The pasted key was never stored.
    const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
    expect(stored).not.toContain(key);
    expect(session.pageErrors).toEqual([]);
  });
});
