/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import type { Certificate } from '@aigw/shared/admin/certificates';
import type { ListResponse } from '@aigw/shared/admin/common';
import type { Domain } from '@aigw/shared/admin/domains';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '@aigw/testkit/admin-client';
import { screenshotOnFailure } from '@aigw/testkit/browser';
import { openDashboard, openAs, signIn, type DashboardSession } from '@aigw/testkit/dashboard';
import type { GatewayProcess } from '@aigw/testkit/gateway-process';
import { TestPki } from '@aigw/testkit/test-certificates';
import { errorOf } from './field-error';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));
const VIEWER = { email: 'domain-viewer@test.local', password: 'viewer-password-123' };
const POLL = { timeout: 15_000 };

describe('domains journey', () => {
  let session: DashboardSession;
  let gateway: GatewayProcess;
  let page: Page;
  let pki: TestPki;
  let admin: AdminClient;

  beforeAll(async () => {
    [session, pki] = await Promise.all([openDashboard(), TestPki.create()]);
    ({ gateway, page } = session);
    admin = await AdminClient.login(gateway.url);
  });
  afterAll(async () => {
    await Promise.all([session?.close(), pki?.cleanup()]);
  });

  const domainRow = (hostname: string) => page.getByRole('row', { name: `Domain ${hostname}` });

  it('adds and edits domains with the API refusals at their fields, and a certificate in use cannot be deleted until its domain is', async () => {
    screenshotOnFailure(page, OUTPUT_DIR, () => console.error(gateway.output().slice(-4000)));
    const pem = await pki.issue(['a.test', '*.a.test'], { days: 200 });
    expect((await admin.post('/api/admin/namespaces', { name: 'tls-team' })).status).toBe(201);
    expect((await admin.post('/api/admin/certificates', { name: 'edge', certificate: pem.cert, private_key: pem.key })).status).toBe(201);

    await page.goto('/domains');
    await signIn(page);
    await page.getByRole('heading', { name: 'Domains', level: 1 }).waitFor();
    await page.getByText('No domains yet').waitFor();

    await page.getByRole('button', { name: 'Add domain' }).click();
    const add = page.getByRole('dialog', { name: 'Add domain' });
    const hostname = add.getByLabel('Host name');
    const certificate = add.getByLabel('Certificate');
    const addresses = add.getByLabel('Allowed client addresses');
    const submit = add.getByRole('button', { name: 'Add domain' });
    // checked in the browser
    await hostname.fill('not a host');
    await submit.click();
    await expect.poll(() => errorOf(hostname), POLL).toMatch(/must be a host name/);
    // refused by the gateway, each at its field: a certificate that does not cover the name, an address that is none
    await hostname.fill('api.other.test');
    await certificate.selectOption({ label: 'edge (a.test, *.a.test)' });
    await submit.click();
    await expect.poll(() => errorOf(certificate), POLL).toMatch(/^The certificate does not cover api\.other\.test/);
    expect(await errorOf(hostname)).toBeNull();
    await hostname.fill('api.a.test');
    await addresses.fill('10.0.0.0/8, 300.1.1.1');
    await submit.click();
    await expect.poll(() => errorOf(addresses), POLL).toBe('300.1.1.1 is not an IP address or CIDR range');
    expect((await admin.get<ListResponse<Domain>>('/api/admin/domains')).body.data).toEqual([]);

    await addresses.fill('10.0.0.0/8\n192.168.1.7');
    await add.getByLabel('Namespace').selectOption({ label: 'tls-team' });
    await add.getByLabel('HSTS').check();
    await add.getByLabel('Allowed CORS origins').fill('https://app.a.test');
    await submit.click();
    await add.waitFor({ state: 'hidden' });
    expect(await domainRow('api.a.test').getByRole('cell').allInnerTexts()).toEqual([
      'api.a.test',
      'tls-team',
      'edge',
      'HSTS · CORS: https://app.a.test · IPs: 10.0.0.0/8, 192.168.1.7',
      expect.any(String),
    ]);

    // A wildcard on the automatic certificate choice, in no namespace.
    await page.getByRole('button', { name: 'Add domain' }).click();
    await hostname.fill('*.b.test');
    await submit.click();
    await add.waitFor({ state: 'hidden' });
    expect((await domainRow('*.b.test').getByRole('cell').allInnerTexts()).slice(0, 3)).toEqual(['*.b.test', 'None (global)', 'Automatic']);

    // Edit: starts from the saved values; disabled, with the HTTPS redirect.
    await domainRow('api.a.test').getByRole('button', { name: 'Edit api.a.test' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit domain api.a.test' });
    expect(await edit.getByLabel('Namespace').locator('option:checked').innerText()).toBe('tls-team');
    expect(await edit.getByLabel('Allowed client addresses').inputValue()).toBe('10.0.0.0/8, 192.168.1.7');
    await edit.getByLabel('Enabled').uncheck();
    await edit.getByLabel('Redirect HTTP to HTTPS').check();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });
    await domainRow('api.a.test').getByText('Disabled').waitFor();
    await domainRow('api.a.test').getByText(/^HTTPS redirect · HSTS/).waitFor();
    const saved = (await admin.get<ListResponse<Domain>>('/api/admin/domains')).body.data.find((d) => d.hostname === 'api.a.test')!;
    expect(saved).toMatchObject({ enabled: false, redirect_https: true, hsts: true, allowed_ips: ['10.0.0.0/8', '192.168.1.7'], cors_origins: ['https://app.a.test'] });

    // The certificate shows who uses it, and is refused deletion while a domain does.
    await page.getByRole('link', { name: 'Certificates' }).click();
    const certRow = page.getByRole('row', { name: 'Certificate edge' });
    await certRow.getByText('api.a.test').waitFor();
    await certRow.getByRole('button', { name: 'Delete edge' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete certificate?' });
    await confirm.getByRole('button', { name: 'Delete certificate' }).click();
    await confirm.getByText('The certificate was not deleted').waitFor();
    await confirm.getByText('The certificate is used by domain api.a.test', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await admin.get<ListResponse<Certificate>>('/api/admin/certificates')).body.data.map((c) => c.name)).toEqual(['edge']);

    // Delete the domain, then the certificate goes.
    await page.getByRole('link', { name: 'Domains' }).click();
    await domainRow('api.a.test').getByRole('button', { name: 'Delete api.a.test' }).click();
    await page.getByRole('dialog', { name: 'Delete domain?' }).getByRole('button', { name: 'Delete domain' }).click();
    await domainRow('api.a.test').waitFor({ state: 'detached' });
    await domainRow('*.b.test').waitFor();
    await page.getByRole('link', { name: 'Certificates' }).click();
    await certRow.getByRole('button', { name: 'Delete edge' }).click();
    await page.getByRole('dialog', { name: 'Delete certificate?' }).getByRole('button', { name: 'Delete certificate' }).click();
    await page.getByText('No certificates yet').waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('shows a viewer the domains without any way to change them', async () => {
    expect((await admin.post('/api/admin/domains', { hostname: 'v.test' })).status).toBe(201);
    expect((await admin.post('/api/admin/users', { ...VIEWER, role: 'viewer' })).status).toBe(201);
    const viewer = await openAs(session, VIEWER, '/domains');
    const viewerPage = viewer.page;
    screenshotOnFailure(viewerPage, OUTPUT_DIR);
    try {
      await viewerPage.getByRole('row', { name: 'Domain v.test' }).waitFor();
      expect(await viewerPage.getByRole('button', { name: /Add domain|Edit|Delete/ }).count()).toBe(0);
    } finally {
      await viewer.close();
    }
  });
});
