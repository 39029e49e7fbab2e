import type { Namespace } from '@aigw/shared/admin/namespaces';
import { describe, expect, it } from 'vitest';
import { emptyLimitsForm } from '../policies/limits-form';
import { emptyNamespaceForm, namespaceFieldOf, namespaceToForm, toNamespaceRequest } from './namespace-form';

const namespace: Namespace = {
  id: 'n1',
  name: 'acme',
  description: 'Acme Corp',
  matchers: { domains: ['acme.example.com'], headers: { 'x-channel-code': 'acme' }, path_prefixes: ['/acme'] },
  limits: { tokens_per_day: 100000 },
  policy_ids: ['7f1c1a52-3b7e-4c55-9a43-0b4c2b1b9a10'],
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

describe('toNamespaceRequest', () => {
  it('round-trips a namespace through the form', () => {
    expect(toNamespaceRequest(namespaceToForm(namespace))).toEqual({
      ok: true,
      body: { name: 'acme', description: 'Acme Corp', matchers: namespace.matchers, limits: namespace.limits, policy_ids: ['7f1c1a52-3b7e-4c55-9a43-0b4c2b1b9a10'] },
    });
  });

  it('sends empty matchers, limits and policies, so an edit can clear them', () => {
    expect(toNamespaceRequest({ ...emptyNamespaceForm(), name: 'bare' })).toEqual({
      ok: true,
      body: { name: 'bare', description: '', matchers: {}, limits: {}, policy_ids: [] },
    });
  });

  it('lower-cases header names and splits lists', () => {
    const result = toNamespaceRequest({
      ...emptyNamespaceForm(),
      name: 'acme',
      domains: 'a.example.com\n*.b.example.com',
      headers: [{ name: 'X-Team', value: 'blue' }],
      pathPrefixes: '/acme, /acme/v2',
    });
    expect(result.ok && result.body.matchers).toEqual({ domains: ['a.example.com', '*.b.example.com'], headers: { 'x-team': 'blue' }, path_prefixes: ['/acme', '/acme/v2'] });
  });

  it('reports each bad field under the name the API would use', () => {
    const result = toNamespaceRequest({
      ...emptyNamespaceForm(),
      name: 'Not A Slug',
      domains: 'not a host',
      pathPrefixes: 'acme/',
      headers: [{ name: '', value: 'x' }],
      limits: { ...emptyLimitsForm(), requests_per_minute: 'lots' },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['limits.requests_per_minute', 'matchers.domains', 'matchers.headers', 'matchers.path_prefixes', 'name']);
  });
});

describe('namespaceFieldOf', () => {
  it('maps API params to the form fields', () => {
    expect(namespaceFieldOf('matchers.path_prefixes.0')).toBe('matchers.path_prefixes');
    expect(namespaceFieldOf('matchers.headers.x-team')).toBe('matchers.headers');
    expect(namespaceFieldOf('policy_ids.1')).toBe('policy_ids');
    expect(namespaceFieldOf('limits.tokens_per_day')).toBe('limits.tokens_per_day');
    expect(namespaceFieldOf('other')).toBeNull();
  });
});
