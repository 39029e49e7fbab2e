import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPki, type Pem } from '@aigw/testkit/test-certificates';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { daysLeft, dnsNames, validateCertificate } from './pem-validation.js';

// Certificates come from the openssl binary at test time (nothing is committed).
describe('validateCertificate', () => {
  let pki: TestPki;
  let leaf: Pem;
  let viaIntermediate: Pem;
  let expired: Pem;
  let other: Pem;
  const now = new Date();

  beforeAll(async () => {
    pki = await TestPki.create();
    [leaf, viaIntermediate, expired, other] = await Promise.all([
      pki.issue(['a.test', '*.a.test']),
      pki.issue(['b.test'], { byIntermediate: true, keyType: 'rsa' }),
      pki.issue(['old.test'], { days: -1 }),
      pki.issue(['other.test']),
    ]);
  });
  afterAll(() => pki?.cleanup());

  const failure = (cert: string, key: string) => {
    try {
      validateCertificate(cert, key, now);
    } catch (err) {
      expect(err).toBeInstanceOf(GatewayError);
      const e = err as GatewayError;
      expect(e.message).not.toContain('PRIVATE KEY');
      return { code: e.code, status: e.status, param: e.param, message: e.message };
    }
    throw new Error('expected a validation failure');
  };

  it('accepts a leaf with its key and describes it', () => {
    const facts = validateCertificate(leaf.cert, leaf.key, now);
    expect(facts).toMatchObject({ subject: 'CN=a.test', issuer: 'CN=AIGW Test Root CA', sans: ['a.test', '*.a.test'], chainLength: 1 });
    expect(facts.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(facts.notAfter.getTime()).toBeGreaterThan(now.getTime());
  });

  it('accepts a chain in order and keeps only its certificate blocks', () => {
    const upload = `${viaIntermediate.cert}\n${pki.intermediate.cert}\n${viaIntermediate.key}`;
    const facts = validateCertificate(upload, viaIntermediate.key, now);
    expect(facts.chainLength).toBe(2);
    expect(facts.chainPem).not.toContain('PRIVATE KEY');
    expect(facts.chainPem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  });

  it('names each failure', () => {
    expect(failure('not a pem', leaf.key)).toMatchObject({ code: 'invalid_certificate', status: 400, param: 'certificate' });
    expect(failure('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', leaf.key)).toMatchObject({ code: 'invalid_certificate', message: expect.stringContaining('block 1') });
    expect(failure(leaf.cert, 'garbage')).toMatchObject({ code: 'invalid_private_key', param: 'private_key' });
    expect(failure(leaf.cert, '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----')).toMatchObject({ code: 'invalid_private_key', message: expect.stringContaining('encrypted') });
    expect(failure(leaf.cert, other.key)).toMatchObject({ code: 'certificate_key_mismatch', param: 'private_key' });
    expect(failure(expired.cert, expired.key)).toMatchObject({ code: 'certificate_expired', message: expect.stringContaining('expired on') });
    expect(failure(leaf.cert, leaf.key.replace('PRIVATE', 'PUBLIC'))).toMatchObject({ code: 'invalid_private_key' });
  });

  it('refuses a chain out of order, whichever way round', () => {
    // intermediate first: the key is the second certificate's
    expect(failure(pki.intermediate.cert + viaIntermediate.cert, viaIntermediate.key)).toMatchObject({ code: 'certificate_chain_order', message: expect.stringContaining('number 2') });
    // leaf, then a certificate that did not issue it
    expect(failure(viaIntermediate.cert + pki.root.cert, viaIntermediate.key)).toMatchObject({ code: 'certificate_chain_order', message: expect.stringContaining('not issued by certificate 2') });
  });

  it('checks dates against the given time', () => {
    const before = new Date(Date.now() - 2 * 86_400_000);
    expect(() => validateCertificate(leaf.cert, leaf.key, before)).toThrow(expect.objectContaining({ code: 'certificate_not_yet_valid' }));
  });
});

describe('dnsNames and daysLeft', () => {
  it('reads DNS names only, lower-cased', () => {
    expect(dnsNames('DNS:A.test, IP Address:10.0.0.1, DNS:*.b.test')).toEqual(['a.test', '*.b.test']);
    expect(dnsNames(undefined)).toEqual([]);
  });

  it('counts whole days, negative once expired', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(daysLeft(new Date(now + 30.9 * 86_400_000), now)).toBe(30);
    expect(daysLeft(new Date(now - 3_600_000), now)).toBe(-1);
  });
});
