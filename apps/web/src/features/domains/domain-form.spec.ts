import type { Domain } from '@aigw/shared/admin/domains';
import { describe, expect, it } from 'vitest';
import { domainFieldOf, domainToForm, emptyDomainForm, toDomainRequest } from './domain-form';

const NS = '11111111-1111-4111-8111-111111111111';
const CERT = '22222222-2222-4222-8222-222222222222';

describe('domain form', () => {
  it('builds the whole body: blanks as null or empty lists', () => {
    expect(toDomainRequest({ ...emptyDomainForm(), hostname: ' API.example.test ' })).toEqual({
      ok: true,
      body: { hostname: 'API.example.test', namespace_id: null, certificate_id: null, enabled: true, redirect_https: false, hsts: false, cors_origins: [], allowed_ips: [] },
    });
  });

  it('round-trips a saved domain', () => {
    const saved: Domain = { id: 'd', hostname: '*.example.test', namespace_id: NS, certificate_id: CERT, enabled: false, redirect_https: true, hsts: true, cors_origins: ['https://app.test'], allowed_ips: ['10.0.0.0/8', '192.168.1.7'], created_at: '', updated_at: '' };
    const { id: _i, created_at: _c, updated_at: _u, ...body } = saved;
    expect(toDomainRequest(domainToForm(saved))).toEqual({ ok: true, body });
  });

  it('reports bad values under the API\'s field names', () => {
    const result = toDomainRequest({ ...emptyDomainForm(), hostname: 'not a host', corsOrigins: 'app.test', allowedIps: 'office' });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['allowed_ips', 'cors_origins', 'hostname']);
    expect(domainFieldOf('allowed_ips.1')).toBe('allowed_ips');
    expect(domainFieldOf('nonsense')).toBeNull();
  });
});
