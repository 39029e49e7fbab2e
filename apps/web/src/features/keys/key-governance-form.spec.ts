import type { ApiKey } from '@aigw/shared/admin/keys';
import { describe, expect, it } from 'vitest';
import { keyGovernanceFieldOf, keyToGovernanceForm, toKeyUpdateRequest } from './key-governance-form';

const NS = '11111111-1111-4111-8111-111111111111';
const POLICY = '22222222-2222-4222-8222-222222222222';
const key: ApiKey = {
  id: 'k',
  name: 'billing',
  prefix: 'sk-abc',
  namespace_id: NS,
  models: ['gpt-4o*'],
  limits: { requests_per_minute: 60 },
  policy_ids: [POLICY],
  expires_at: null,
  created_at: '',
  last_used_at: null,
  revoked: false,
};

describe('key governance form', () => {
  it('round-trips a key: name, models, namespace, limits, policies', () => {
    expect(toKeyUpdateRequest(keyToGovernanceForm(key))).toEqual({
      ok: true,
      body: { name: 'billing', models: ['gpt-4o*'], namespace_id: NS, limits: { requests_per_minute: 60 }, policy_ids: [POLICY] },
    });
  });

  it('sends null to take a key out of its namespace, and an empty model list for every model', () => {
    const result = toKeyUpdateRequest({ ...keyToGovernanceForm(key), namespaceId: '', models: ' ' });
    expect(result.ok && result.body).toMatchObject({ namespace_id: null, models: [] });
  });

  it('reports bad values under the API\'s field names', () => {
    const result = toKeyUpdateRequest({ ...keyToGovernanceForm(key), name: ' ', models: 'gpt 4o' });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['models', 'name']);
    expect(keyGovernanceFieldOf('limits.requests_per_minute')).toBe('limits.requests_per_minute');
    expect(keyGovernanceFieldOf('policy_ids.0')).toBe('policy_ids');
  });
});
