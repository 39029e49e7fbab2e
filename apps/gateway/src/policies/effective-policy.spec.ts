import { describe, expect, it } from 'vitest';
import { composeEffectivePolicy, subjectRules, type RuleSource } from './effective-policy.js';

const rules = (label: string, patch: Partial<RuleSource>): RuleSource => ({ ...subjectRules(label, {}), ...patch });

describe('composeEffectivePolicy', () => {
  it('intersects model allow lists, globs included, and adds up deny lists', () => {
    const out = composeEffectivePolicy('k', null, [
      rules('a', { allowedModels: ['gpt-*', 'claude-3'], deniedModels: ['gpt-3*'] }),
      rules('b', { allowedModels: ['gpt-4o', 'gpt-4o-mini', 'llama'], deniedModels: ['gpt-3*', 'x'] }),
    ]);
    expect(out.allowed_models).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(out.denied_models).toEqual(['gpt-3*', 'x']);
  });

  it('reads no allow list as "any", and an empty one as "nothing"', () => {
    expect(composeEffectivePolicy('k', null, [rules('a', {})]).allowed_models).toBeNull();
    expect(composeEffectivePolicy('k', null, [rules('a', { allowedModels: ['m'] }), rules('b', { allowedModels: [] })]).allowed_models).toEqual([]);
  });

  it('keeps each limit at its tightest with where it comes from; "closed" beats "open"', () => {
    const out = composeEffectivePolicy('k', 'ns', [
      rules('key', { limits: { requests_per_minute: 60, on_store_failure: 'open' } }),
      rules('ns', { limits: { requests_per_minute: 30, tokens_per_day: 5 } }),
      rules('pol', { limits: { requests_per_minute: 45, on_store_failure: 'closed' } }),
    ]);
    expect(out.limits).toEqual([
      { name: 'requests_per_minute', value: 30, from: 'ns' },
      { name: 'on_store_failure', value: 'closed', from: 'pol' },
      { name: 'tokens_per_day', value: 5, from: 'ns' },
    ]);
  });

  it('intersects address ranges and route lists, and takes the smallest body limit', () => {
    const out = composeEffectivePolicy('k', null, [
      rules('a', { allowedIps: ['10.0.0.0/8', '192.168.1.7'], allowedRoutes: ['chat', 'embed'], maxRequestBytes: 1000 }),
      rules('b', { allowedIps: ['10.1.0.0/16', '2001:db8::/32'], allowedRoutes: ['chat'], maxRequestBytes: 500 }),
    ]);
    expect(out.allowed_ips).toEqual(['10.1.0.0/16']);
    expect(out.allowed_routes).toEqual(['chat']);
    expect(out.max_request_bytes).toBe(500);
  });
});
