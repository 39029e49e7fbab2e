/// <reference types="node" />
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Certificate } from '@aigw/shared/admin/certificates';
import type { ListResponse } from '@aigw/shared/admin/common';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { openDashboard, openAs, signIn, type DashboardSession } from '@aigw/testkit/dashboard';
import type { GatewayProcess } from '@aigw/testkit/gateway-process';
import { TestPki, type Pem } from '@aigw/testkit/test-certificates';
import { errorOf } from './field-error';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));
const VIEWER = { email: 'cert-viewer@test.local', password: 'viewer-password-123' };
const POLL = { timeout: 15_000 };
const run = promisify(execFile);

/** A renewal: a new certificate from the root for the same key (TestPki makes a new key per leaf). */
async function renew(pki: TestPki, leaf: Pem, names: string[], days: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'aigw-renew-'));
  const file = (name: string) => path.join(dir, name);
  try {
    await Promise.all([
      writeFile(file('leaf.key'), leaf.key, { mode: 0o600 }),
      writeFile(file('ca.crt'), pki.root.cert),
      writeFile(file('ca.key'), pki.root.key, { mode: 0o600 }),
      writeFile(file('ext'), `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`),
    ]);
    await run('openssl', ['req', '-new', '-key', file('leaf.key'), '-out', file('csr'), '-subj', `/CN=${names[0]}`]);
    await run('openssl', ['x509', '-req', '-in', file('csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-set_serial', String(Date.now()), '-days', String(days), '-extfile', file('ext'), '-out', file('crt')]);
    return await readFile(file('crt'), 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('certificates journey', () => {
  let session: DashboardSession;
  let gateway: GatewayProcess;
  let page: Page;
  let pki: TestPki;
  let admin: AdminClient;
  /** The pair the first test uploads; the second renews it. */
  let good: Pem;

  beforeAll(async () => {
    [session, pki] = await Promise.all([openDashboard(), TestPki.create()]);
    good = await pki.issue(['a.test', '*.a.test'], { days: 200 });
    ({ gateway, page } = session);
    admin = await AdminClient.login(gateway.url);
  });
  afterAll(async () => {
    await Promise.all([session?.close(), pki?.cleanup()]);
  });

  const stored = async (name: string) => (await admin.get<ListResponse<Certificate>>('/api/admin/certificates')).body.data.find((c) => c.name === name);
  const row = (name: string) => page.getByRole('row', { name: `Certificate ${name}` });

  it('shows each refusal at its field, uploads from a file, and shows the details without the key', async () => {
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));
    const [other, expired, chained] = await Promise.all([
      pki.issue(['other.test'], { days: 200 }),
      pki.issue(['old.test'], { days: -1 }),
      pki.issue(['chain.test'], { byIntermediate: true, days: 200 }),
    ]);

    await page.goto('/certificates');
    await signIn(page);
    await page.getByRole('heading', { name: 'Certificates', level: 1 }).waitFor();
    await page.getByText('No certificates yet').waitFor();

    await page.getByRole('button', { name: 'Upload certificate' }).click();
    const upload = page.getByRole('dialog', { name: 'Upload certificate' });
    const chain = upload.getByLabel(/certificate chain/i);
    const key = upload.getByLabel(/private key/i);
    const submit = upload.getByRole('button', { name: 'Upload certificate' });
    await upload.getByLabel('Name').fill('edge');

    // Each refusal of the gateway shows under the field it is about, and only there.
    const refusals: { certificate: string; key: string; field: Locator; other: Locator; message: RegExp }[] = [
      { certificate: good.cert, key: other.key, field: key, other: chain, message: /^does not match the public key of the certificate/ },
      { certificate: expired.cert, key: expired.key, field: chain, other: key, message: /^the certificate expired on / },
      { certificate: pki.intermediate.cert + chained.cert, key: chained.key, field: chain, other: key, message: /list it first, then each issuer in turn$/ },
      { certificate: 'not a pem', key: good.key, field: chain, other: key, message: /^no PEM certificate found/ },
    ];
    for (const refusal of refusals) {
      await chain.fill(refusal.certificate);
      await key.fill(refusal.key);
      await submit.click();
      await expect.poll(() => errorOf(refusal.field), POLL).toMatch(refusal.message);
      expect(await errorOf(refusal.other)).toBeNull();
    }
    expect(await stored('edge')).toBeUndefined();

    // Files are read in the browser: a key picked for the chain is refused at once, nothing sent;
    // a combined chain-and-key file fills both fields.
    await chain.fill('');
    await key.fill('');
    await upload.getByLabel('Chain file').setInputFiles({ name: 'edge.key', mimeType: 'application/x-pem-file', buffer: Buffer.from(good.key) });
    await expect.poll(() => errorOf(chain), POLL).toBe('edge.key holds no certificate');
    expect(await chain.inputValue()).toBe('');
    await upload.getByLabel('Chain file').setInputFiles({ name: 'edge.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(good.cert + pki.root.cert + good.key) });
    await expect.poll(() => key.inputValue(), POLL).toContain('PRIVATE KEY');
    expect((await chain.inputValue()).match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(await chain.inputValue()).not.toContain('PRIVATE KEY');
    await submit.click();
    await upload.waitFor({ state: 'hidden' });

    // Listed with its subject, names, issuer and a green expiry badge.
    await row('edge').getByText('a.test, *.a.test').waitFor();
    const cert = (await stored('edge'))!;
    expect(cert.chain_length).toBe(2);
    const cells = await row('edge').getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 3)).toEqual(['edge', 'CN=a.test', 'a.test, *.a.test']);
    expect(cells[3]).toContain('AIGW Test Root CA');
    expect(await row('edge').getByLabel('Expiry of edge').innerText()).toMatch(/^(199|200) days left$/);

    // Details: what the gateway read; the key is nowhere on the page once uploaded.
    await row('edge').getByRole('button', { name: 'Details of edge' }).click();
    const details = page.getByRole('dialog', { name: 'Certificate edge' });
    await details.getByText(cert.fingerprint_sha256).waitFor();
    expect(await details.innerText()).toContain('2 certificates, leaf first');
    expect(await details.innerText()).toMatch(/Days left\s+(199|200)/);
    expect(await page.content()).not.toContain('PRIVATE KEY');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    expect(session.pageErrors).toEqual([]);
  });

  it('replaces with a renewal for the stored key, flags one expiring within 30 days, then takes a new key', async () => {
    const before = (await stored('edge'))!;
    const notAfter = row('edge').locator('time');
    expect(await notAfter.getAttribute('datetime')).toBe(before.not_after);
    const oldDate = await notAfter.innerText();

    // A chain alone: a renewal checked against the stored key. Ten days of validity: the warning badge.
    const renewal = await renew(pki, good, ['a.test', '*.a.test'], 10);
    await row('edge').getByRole('button', { name: 'Replace edge' }).click();
    const replace = page.getByRole('dialog', { name: 'Replace certificate edge' });
    const chain = replace.getByLabel(/certificate chain/i);
    const key = replace.getByLabel(/private key/i);
    expect(await chain.inputValue()).toBe('');
    expect(await key.inputValue()).toBe('');
    // a key without its chain is refused before anything is sent
    await key.fill(good.key);
    await replace.getByRole('button', { name: 'Replace certificate' }).click();
    await expect.poll(() => errorOf(chain), POLL).toMatch(/needs the certificate chain/);
    await key.fill('');
    await chain.fill(renewal);
    await replace.getByRole('button', { name: 'Replace certificate' }).click();
    await replace.waitFor({ state: 'hidden' });
    await expect.poll(() => row('edge').getByLabel('Expiry of edge').innerText(), POLL).toMatch(/^Expires in (9|10) days$/);
    const renewed = (await stored('edge'))!;
    expect(renewed.not_after).not.toBe(before.not_after);
    expect(await notAfter.getAttribute('datetime')).toBe(renewed.not_after);
    expect(await notAfter.innerText()).not.toBe(oldDate);
    await row('edge').getByRole('button', { name: 'Details of edge' }).click();
    await page.getByRole('dialog', { name: 'Certificate edge' }).getByText(renewed.fingerprint_sha256).waitFor();
    await page.keyboard.press('Escape');

    // A new chain and key, made the default.
    const rekeyed = await pki.issue(['a.test'], { days: 100 });
    await row('edge').getByRole('button', { name: 'Replace edge' }).click();
    await chain.fill(rekeyed.cert);
    await key.fill(rekeyed.key);
    await replace.getByLabel('Default certificate').check();
    await replace.getByRole('button', { name: 'Replace certificate' }).click();
    await replace.waitFor({ state: 'hidden' });
    await expect.poll(() => row('edge').getByLabel('Expiry of edge').innerText(), POLL).toMatch(/^(99|100) days left$/);
    await row('edge').getByText('Default', { exact: true }).waitFor();
    expect((await stored('edge'))!.default).toBe(true);
    expect(session.pageErrors).toEqual([]);
  });

  it('shows a viewer the certificates and their details, without any way to change them', async () => {
    const cert = await pki.issue(['v.test'], { days: 200 });
    expect((await admin.post('/api/admin/certificates', { name: 'viewer-visible', certificate: cert.cert, private_key: cert.key })).status).toBe(201);
    expect((await admin.post('/api/admin/users', { ...VIEWER, role: 'viewer' })).status).toBe(201);
    const viewer = await openAs(session, VIEWER, '/certificates');
    const viewerPage = viewer.page;
    screenshotOnFailure(viewerPage, OUTPUT_DIR);
    try {
      await viewerPage.getByRole('row', { name: 'Certificate viewer-visible' }).waitFor();
      expect(await viewerPage.getByRole('button', { name: /Upload|Replace|Delete/ }).count()).toBe(0);
      await viewerPage.getByRole('button', { name: 'Details of viewer-visible' }).click();
      await viewerPage.getByRole('dialog', { name: 'Certificate viewer-visible' }).getByText('v.test').first().waitFor();
    } finally {
      await viewer.close();
    }
  });
});
