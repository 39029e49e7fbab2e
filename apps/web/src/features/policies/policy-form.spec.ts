import type { Policy } from '@aigw/shared/admin/policies';
import { describe, expect, it } from 'vitest';
import { emptyLimitsForm } from './limits-form';
import { emptyPolicyForm, policyFieldOf, policyToForm, toPolicyRequest } from './policy-form';

const policy: Policy = {
  id: 'p1',
  name: 'gold',
  description: null,
  allowed_models: ['gpt-4o*'],
  denied_models: ['gpt-4o-mini'],
  allowed_routes: null,
  denied_routes: [],
  limits: { requests_per_minute: 60, max_output_tokens: 512 },
  limit_by: 'key',
  max_request_bytes: 1024,
  allowed_ips: ['10.0.0.0/8'],
  log_bodies: false,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

describe('toPolicyRequest', () => {
  it('builds the body: lists split, blanks meaning "any" left out, limits as numbers', () => {
    const result = toPolicyRequest({
      ...emptyPolicyForm(),
      name: ' gold ',
      allowedModels: 'gpt-4o*, claude-*\nllama-3',
      deniedModels: 'gpt-4o-mini',
      allowedIps: '10.0.0.0/8',
      maxRequestBytes: '4096',
      limits: { ...emptyLimitsForm(), requests_per_minute: '60', max_output_tokens: '512' },
      limitBy: 'client_ip',
    });
    expect(result).toEqual({
      ok: true,
      body: {
        name: 'gold',
        description: '',
        allowed_models: ['gpt-4o*', 'claude-*', 'llama-3'],
        denied_models: ['gpt-4o-mini'],
        denied_routes: [],
        limits: { requests_per_minute: 60, max_output_tokens: 512 },
        limit_by: 'client_ip',
        max_request_bytes: 4096,
        allowed_ips: ['10.0.0.0/8'],
        log_bodies: false,
      },
    });
  });

  it('round-trips a policy through the form', () => {
    const result = toPolicyRequest(policyToForm(policy), policy);
    expect(result).toEqual({
      ok: true,
      body: {
        name: 'gold',
        description: '',
        allowed_models: ['gpt-4o*'],
        denied_models: ['gpt-4o-mini'],
        // left unset: an edit says so explicitly
        allowed_routes: null,
        denied_routes: [],
        limits: { requests_per_minute: 60, max_output_tokens: 512 },
        limit_by: 'key',
        max_request_bytes: 1024,
        allowed_ips: ['10.0.0.0/8'],
        log_bodies: false,
      },
    });
  });

  it('reports each bad field under the name the API would use', () => {
    const result = toPolicyRequest({ ...emptyPolicyForm(), allowedModels: 'gpt 4o', allowedIps: 'office', maxRequestBytes: 'big', limits: { ...emptyLimitsForm(), tokens_per_day: '-1' } });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['allowed_ips', 'allowed_models', 'limits.tokens_per_day', 'max_request_bytes', 'name']);
  });

  it('sends null for what an edit blanks, so the rule goes back to "any"', () => {
    const result = toPolicyRequest({ ...policyToForm(policy), allowedModels: '', allowedIps: ' ', maxRequestBytes: '' }, policy);
    expect(result.ok).toBe(true);
    expect(result.ok && result.body).toMatchObject({ allowed_models: null, allowed_ips: null, max_request_bytes: null });
  });
});

describe('policyFieldOf', () => {
  it('maps API params to the form fields', () => {
    expect(policyFieldOf('allowed_ips.3')).toBe('allowed_ips');
    expect(policyFieldOf('limits.requests_per_minute')).toBe('limits.requests_per_minute');
    expect(policyFieldOf('name')).toBe('name');
    expect(policyFieldOf('something_else')).toBeNull();
  });
});
