/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { openDashboard, signIn, type DashboardSession } from '@aigw/testkit/dashboard';
import type { GatewayProcess } from '@aigw/testkit/gateway-process';
import { TestPki } from '@aigw/testkit/test-certificates';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));
const VIEWER = { email: 'tls-viewer@test.local', password: 'viewer-password-123' };

describe('certificates and domains journey', () => {
  let session: DashboardSession;
  let gateway: GatewayProcess;
  let page: Page;
  let pki: TestPki;

  beforeAll(async () => {
    [session, pki] = await Promise.all([openDashboard(), TestPki.create()]);
    ({ gateway, page } = session);
  });
  afterAll(async () => {
    await Promise.all([session?.close(), pki?.cleanup()]);
  });

  /** Fills the upload (or replace) dialog and submits it. */
  const fillCertificate = async (dialog: ReturnType<Page['getByRole']>, values: { name?: string; certificate: string; key: string }) => {
    if (values.name !== undefined) await dialog.getByLabel('Name').fill(values.name);
    await dialog.getByLabel(/certificate chain/i).fill(values.certificate);
    await dialog.getByLabel(/private key/i).fill(values.key);
  };

  it('uploads with each validation error shown at its field, shows details and expiry, replaces, and refuses to delete while a domain uses it', async () => {
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));
    const admin = await AdminClient.login(gateway.url);
    const namespace = await admin.post('/api/admin/namespaces', { name: 'tls-team' });
    expect(namespace.status).toBe(201);
    const good = await pki.issue(['a.test', '*.a.test'], { days: 200 });
    const other = await pki.issue(['other.test'], { days: 200 });
    const expired = await pki.issue(['old.test'], { days: -1 });
    const chained = await pki.issue(['chain.test'], { byIntermediate: true, days: 200 });
    const renewal = await pki.issue(['a.test', '*.a.test'], { days: 10 });

    await page.goto('/certificates');
    await signIn(page);
    await page.getByRole('heading', { name: 'Certificates', level: 1 }).waitFor();
    await page.getByText('No certificates yet').waitFor();

    // Each refusal of the gateway shows at the field it is about; nothing is saved.
    await page.getByRole('button', { name: 'Upload certificate' }).click();
    const upload = page.getByRole('dialog', { name: 'Upload certificate' });
    await fillCertificate(upload, { name: 'edge', certificate: good.cert, key: other.key });
    await upload.getByRole('button', { name: 'Upload certificate' }).click();
    await upload.getByText('does not match the public key of the certificate', { exact: false }).waitFor();
    await fillCertificate(upload, { certificate: expired.cert, key: expired.key });
    await upload.getByRole('button', { name: 'Upload certificate' }).click();
    await upload.getByText(/expired on/).waitFor();
    await fillCertificate(upload, { certificate: pki.intermediate.cert + chained.cert, key: chained.key });
    await upload.getByRole('button', { name: 'Upload certificate' }).click();
    await upload.getByText(/list it first, then each issuer in turn/).waitFor();
    await fillCertificate(upload, { certificate: 'not a pem', key: good.key });
    await upload.getByRole('button', { name: 'Upload certificate' }).click();
    await upload.getByText('no PEM certificate found', { exact: false }).waitFor();
    expect((await admin.get('/api/admin/certificates')).body.data).toEqual([]);

    // A good one: listed with its names and a green expiry badge.
    await fillCertificate(upload, { certificate: good.cert, key: good.key });
    await upload.getByRole('button', { name: 'Upload certificate' }).click();
    await upload.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: 'Certificate edge' });
    await row.getByText('a.test, *.a.test').waitFor();
    expect(await row.getByLabel('Expiry of edge').innerText()).toMatch(/^(199|200) days left$/);
    const stored = (await admin.get('/api/admin/certificates')).body.data[0];

    // Details: what the gateway read, never the key.
    await row.getByRole('button', { name: 'Details of edge' }).click();
    const details = page.getByRole('dialog', { name: 'Certificate edge' });
    await details.getByText(stored.fingerprint_sha256).waitFor();
    expect(await details.innerText()).not.toContain('PRIVATE KEY');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });

    // Replace with one expiring in 10 days: the badge turns to a warning.
    await row.getByRole('button', { name: 'Replace edge' }).click();
    const replace = page.getByRole('dialog', { name: 'Replace certificate edge' });
    await fillCertificate(replace, { certificate: renewal.cert, key: renewal.key });
    await replace.getByRole('button', { name: 'Replace certificate' }).click();
    await replace.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByLabel('Expiry of edge').innerText()).toMatch(/^Expires in (9|10) days$/);

    // A domain on it, made in the Domains page.
    await page.getByRole('link', { name: 'Domains' }).click();
    await page.getByRole('heading', { name: 'Domains', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add domain' }).click();
    const add = page.getByRole('dialog', { name: 'Add domain' });
    await add.getByLabel('Host name').fill('not a host');
    await add.getByRole('button', { name: 'Add domain' }).click();
    await add.getByText('must be a host name', { exact: false }).waitFor();
    await add.getByLabel('Host name').fill('api.other.test');
    await add.getByLabel('Certificate').selectOption({ label: 'edge (a.test, *.a.test)' });
    await add.getByRole('button', { name: 'Add domain' }).click();
    // the gateway refuses a certificate that does not cover the name, at that field
    await add.getByText('The certificate does not cover api.other.test', { exact: false }).waitFor();
    await add.getByLabel('Host name').fill('api.a.test');
    await add.getByLabel('Namespace').selectOption({ label: 'tls-team' });
    await add.getByLabel('HSTS').check();
    await add.getByRole('button', { name: 'Add domain' }).click();
    await add.waitFor({ state: 'hidden' });
    const domainRow = page.getByRole('row', { name: 'Domain api.a.test' });
    expect(await domainRow.innerText()).toMatch(/tls-team[\s\S]*edge[\s\S]*HSTS/);

    // The certificate now shows who uses it, and cannot be deleted.
    await page.getByRole('link', { name: 'Certificates' }).click();
    await row.getByText('api.a.test').waitFor();
    await row.getByRole('button', { name: 'Delete edge' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete certificate?' });
    await confirm.getByRole('button', { name: 'Delete certificate' }).click();
    await confirm.getByText('The certificate is used by domain api.a.test', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();

    // Delete the domain, then the certificate.
    await page.getByRole('link', { name: 'Domains' }).click();
    await domainRow.getByRole('button', { name: 'Delete api.a.test' }).click();
    await page.getByRole('dialog', { name: 'Delete domain?' }).getByRole('button', { name: 'Delete domain' }).click();
    await page.getByText('No domains yet').waitFor();
    await page.getByRole('link', { name: 'Certificates' }).click();
    await row.getByRole('button', { name: 'Delete edge' }).click();
    await page.getByRole('dialog', { name: 'Delete certificate?' }).getByRole('button', { name: 'Delete certificate' }).click();
    await page.getByText('No certificates yet').waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('shows a viewer certificates and domains without any way to change them', async () => {
    const admin = await AdminClient.login(gateway.url);
    const cert = await pki.issue(['v.test'], { days: 200 });
    expect((await admin.post('/api/admin/certificates', { name: 'viewer-visible', certificate: cert.cert, private_key: cert.key })).status).toBe(201);
    expect((await admin.post('/api/admin/domains', { hostname: 'v.test' })).status).toBe(201);
    expect((await admin.post('/api/admin/users', { ...VIEWER, role: 'viewer' })).status).toBe(201);
    // a context of its own: the admin's session stays in the other one
    const viewerContext = await session.browser.newContext({ baseURL: gateway.url, viewport: { width: 1400, height: 900 } });
    const viewerPage = await viewerContext.newPage();
    viewerPage.setDefaultTimeout(15_000);
    screenshotOnFailure(viewerPage, OUTPUT_DIR);
    try {
      await viewerPage.goto('/certificates');
      await signIn(viewerPage, VIEWER);
      await viewerPage.getByRole('row', { name: 'Certificate viewer-visible' }).waitFor();
      expect(await viewerPage.getByRole('button', { name: /Upload certificate|Replace|Delete/ }).count()).toBe(0);
      await viewerPage.getByRole('button', { name: 'Details of viewer-visible' }).waitFor();
      await viewerPage.goto('/domains');
      await viewerPage.getByRole('row', { name: 'Domain v.test' }).waitFor();
      expect(await viewerPage.getByRole('button', { name: /Add domain|Edit|Delete/ }).count()).toBe(0);
    } finally {
      await viewerContext.close();
    }
  });
});
