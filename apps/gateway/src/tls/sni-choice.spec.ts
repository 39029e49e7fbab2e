import { describe, expect, it } from 'vitest';
import { certificateFor, chooseCertificates, type SniCertificate } from './sni-choice.js';

const cert = (id: string, sans: string[], extra: Partial<SniCertificate> = {}): SniCertificate => ({ id, sans, notAfter: 1000, isDefault: false, ...extra });

describe('SNI choice', () => {
  const certs = [cert('a', ['a.test']), cert('wild', ['*.b.test']), cert('fallback', ['fallback.test'], { isDefault: true })];

  it('picks the exact name, then the wildcard, then the default', () => {
    const choice = chooseCertificates(certs, []);
    expect(certificateFor(choice, 'a.test')).toBe('a');
    expect(certificateFor(choice, 'A.Test')).toBe('a');
    expect(certificateFor(choice, 'x.b.test')).toBe('wild');
    expect(certificateFor(choice, 'x.y.b.test')).toBe('fallback');
    expect(certificateFor(choice, 'unknown.test')).toBe('fallback');
    expect(certificateFor(choice, undefined)).toBe('fallback');
  });

  it('has no answer for an unknown name without a default', () => {
    expect(certificateFor(chooseCertificates([cert('a', ['a.test'])], []), 'other.test')).toBeNull();
  });

  it('lets an enabled domain name its certificate, ahead of the certificates\' own names', () => {
    const choice = chooseCertificates([...certs, cert('pinned', ['a.test', 'x.b.test'])], [
      { hostname: 'a.test', certificateId: 'pinned', enabled: true },
      { hostname: 'x.b.test', certificateId: 'pinned', enabled: false },
      { hostname: 'c.test', certificateId: 'gone', enabled: true },
    ]);
    expect(certificateFor(choice, 'a.test')).toBe('pinned');
    // a disabled domain's choice does not count: its certificate still covers the name by its own SAN
    expect(certificateFor(choice, 'x.b.test')).toBe('pinned');
    expect(certificateFor(choice, 'c.test')).toBe('fallback');
  });

  it('prefers, among certificates covering one name, the one expiring last (a renewal uploaded beside the old one)', () => {
    const choice = chooseCertificates([cert('old', ['a.test'], { notAfter: 1 }), cert('new', ['a.test'], { notAfter: 2 })], []);
    expect(certificateFor(choice, 'a.test')).toBe('new');
  });
});
