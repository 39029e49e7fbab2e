import type { SecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import type { CertificateEntity } from '../certificates/certificate.entity.js';
import type { NamespaceEntry } from '../snapshot/routing-snapshot.js';
import type { TlsMaterial } from '../tls/secure-contexts.js';
import type { DomainEntity } from './domain.entity.js';
import { buildEdge } from './edge.js';

const at = new Date('2026-01-01T00:00:00Z');
const cert = (id: string, sans: string[], isDefault = false) => ({ id, name: id, sans, isDefault, notAfter: at, fingerprintSha256: id, updatedAt: at }) as CertificateEntity;
const domain = (hostname: string, extra: Partial<DomainEntity> = {}) =>
  ({ id: hostname, hostname, namespaceId: null, certificateId: null, enabled: true, redirectHttps: false, hsts: false, corsOrigins: [], allowedIps: [], ...extra }) as DomainEntity;
/** Certificates listed here can be served; the others fail to decrypt. */
const material = (servable: Record<string, string>) => (c: CertificateEntity): TlsMaterial => {
  if (!servable[c.id]) throw new Error('cannot decrypt');
  return { context: { id: c.id } as unknown as SecureContext };
};
const ns: NamespaceEntry = { id: 'ns1', name: 'team', units: [] };

describe('buildEdge', () => {
  it('finds enabled domains by host, exact before wildcard, with their namespace and rules', () => {
    const edge = buildEdge(
      [domain('*.b.test', { namespaceId: 'ns1', allowedIps: ['10.0.0.0/8'], corsOrigins: ['https://app.test'] }), domain('x.b.test'), domain('off.test', { enabled: false })],
      [],
      new Map([['ns1', ns]]),
      { material: material({}) },
    );
    expect(edge.domainFor('x.b.test')?.hostname).toBe('x.b.test');
    const wild = edge.domainFor('y.b.test')!;
    expect(wild.namespace).toBe(ns);
    expect(wild.allowedIps!('10.1.2.3')).toBe(true);
    expect(wild.allowedIps!('192.168.0.1')).toBe(false);
    expect(wild.cors).toEqual({ any: false, origins: new Set(['https://app.test']) });
    expect(edge.domainFor('off.test')).toBeUndefined();
    expect(edge.domainFor(undefined)).toBeUndefined();
  });

  it('serves certificates by SNI and leaves out one that cannot be decrypted, saying so', () => {
    const skipped: string[] = [];
    const edge = buildEdge([], [cert('a', ['a.test']), cert('broken', ['b.test']), cert('def', ['d.test'], true)], new Map(), {
      material: material({ a: 'ec', def: 'ec' }),
      onSkippedCertificate: (id) => skipped.push(id),
    });
    expect(skipped).toEqual(['broken']);
    expect(edge.tls.size).toBe(2);
    expect(edge.tls.contextFor('a.test')).toEqual({ id: 'a' });
    expect(edge.tls.contextFor('b.test')).toEqual({ id: 'def' });
    expect(edge.certificates.map((c) => c.id)).toEqual(['a', 'broken', 'def']);
  });

  it('gives clients without a server name the default certificate', () => {
    const edge = buildEdge([], [cert('a', ['a.test']), cert('def', ['d.test'], true)], new Map(), { material: material({ a: 'ec', def: 'rsa' }) });
    expect(edge.tls.contextFor(undefined)).toEqual({ id: 'def' });
  });
});
