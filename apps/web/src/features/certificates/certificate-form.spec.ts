import type { Certificate } from '@aigw/shared/admin/certificates';
import { describe, expect, it } from 'vitest';
import { certificateFieldOf, certificateToForm, emptyCertificateForm, expiryBadge, toCertificateRequest } from './certificate-form';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
const stored: Certificate = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'edge',
  subject: 'CN=a.test',
  issuer: 'CN=Test CA',
  sans: ['a.test'],
  fingerprint_sha256: 'AA:BB',
  not_before: '2026-01-01T00:00:00.000Z',
  not_after: '2027-01-01T00:00:00.000Z',
  days_left: 40,
  default: false,
  chain_length: 2,
  domain_ids: [],
  created_at: '',
  updated_at: '',
};

describe('certificate form', () => {
  it('uploads name, chain, key and the default flag', () => {
    expect(toCertificateRequest({ ...emptyCertificateForm(), name: ' edge ', certificate: PEM, privateKey: KEY, isDefault: true })).toEqual({
      ok: true,
      body: { name: 'edge', certificate: PEM, private_key: KEY, default: true },
    });
  });

  it('asks for what an upload lacks, under the API\'s field names', () => {
    const result = toCertificateRequest(emptyCertificateForm());
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['certificate', 'name', 'private_key']);
  });

  it('replaces with what changed: a chain alone (renewal), never a key without its chain', () => {
    const form = certificateToForm(stored);
    expect(form).toEqual({ name: 'edge', certificate: '', privateKey: '', isDefault: false });
    expect(toCertificateRequest({ ...form, certificate: PEM }, stored)).toEqual({ ok: true, body: { certificate: PEM } });
    expect(toCertificateRequest({ ...form, privateKey: KEY }, stored)).toMatchObject({ ok: false, errors: { certificate: expect.any(String) } });
    expect(toCertificateRequest({ ...form, isDefault: true, name: 'edge-2' }, stored)).toEqual({ ok: true, body: { name: 'edge-2', default: true } });
    expect(toCertificateRequest(form, stored).ok).toBe(false);
  });

  it('places the API errors at the chain, key and name fields, others in the banner', () => {
    expect(['certificate', 'private_key', 'name', 'default', 'id'].map(certificateFieldOf)).toEqual(['certificate', 'private_key', 'name', null, null]);
  });

  it('flags expired certificates and those within 30 days', () => {
    expect(expiryBadge(-1)).toEqual({ tone: 'red', label: 'Expired' });
    expect(expiryBadge(0).tone).toBe('amber');
    expect(expiryBadge(30)).toEqual({ tone: 'amber', label: 'Expires in 30 days' });
    expect(expiryBadge(31)).toEqual({ tone: 'green', label: '31 days left' });
  });
});
