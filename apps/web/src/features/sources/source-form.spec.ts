import type { Source } from '@aigw/shared/admin/sources';
import { describe, expect, it } from 'vitest';
import { emptyInstance, emptySourceForm, sourceFieldOf, sourceToForm, toSourceRequest, toTestConnectionRequest, withProvider, type SourceFormValues } from './source-form';

const health = { state: 'healthy' as const, last_checked_at: null, latency_ms: null, last_error: null, consecutive_failures: 0, in_flight: 0 };
const ID_A = '11111111-1111-4111-8111-111111111111';
const ID_B = '22222222-2222-4222-8222-222222222222';

const saved: Source = {
  id: '00000000-0000-4000-8000-000000000000',
  name: 'openai-main',
  provider: 'openai-compatible',
  capabilities: ['chat', 'embeddings'],
  instances: [
    { id: ID_A, url: 'http://a.test/v1', weight: 3, has_api_key: true, headers: { 'X-Org': 'acme' }, enabled: true, max_concurrent: 10, health },
    { id: ID_B, url: 'http://b.test/v1', weight: 1, has_api_key: false, headers: {}, enabled: false, max_concurrent: null, health },
  ],
  timeout_ms: 30000,
  health_check: { path: '/models', interval_s: 15 },
  api_version: null,
  namespace_id: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

function form(patch: Partial<SourceFormValues> = {}): SourceFormValues {
  const values = emptySourceForm();
  values.name = 'src';
  values.instances = [{ ...emptyInstance(), url: 'http://up.test/v1' }];
  return { ...values, ...patch };
}

describe('source form -> API body', () => {
  it('builds a create body with the provider capabilities, one instance and no optional settings', () => {
    expect(toSourceRequest(form())).toEqual({
      ok: true,
      body: {
        name: 'src',
        provider: 'openai-compatible',
        capabilities: ['chat', 'completions', 'embeddings', 'rerank', 'images', 'audio'],
        instances: [{ url: 'http://up.test/v1', weight: 1, headers: {}, enabled: true, max_concurrent: null }],
      },
    });
  });

  it('sends a typed key, headers, limits, timeout and the health check fields that are set', () => {
    const values = form({ timeoutMs: '5000', healthCheck: { enabled: true, path: '/health', intervalS: '10', timeoutMs: '', healthyThreshold: '2', unhealthyThreshold: '' } });
    values.instances[0] = { ...values.instances[0]!, apiKey: 'sk-up', weight: '5', maxConcurrent: '8', headers: [{ name: 'X-A', value: '1' }, { name: '', value: '' }] };
    const result = toSourceRequest(values);
    expect(result).toMatchObject({
      ok: true,
      body: {
        timeout_ms: 5000,
        health_check: { path: '/health', interval_s: 10, healthy_threshold: 2 },
        instances: [{ url: 'http://up.test/v1', weight: 5, api_key: 'sk-up', headers: { 'X-A': '1' }, enabled: true, max_concurrent: 8 }],
      },
    });
  });

  it('round-trips a saved source: ids kept, stored keys neither sent nor shown', () => {
    const values = sourceToForm(saved);
    expect(values.instances.map((i) => [i.id, i.hasStoredKey, i.keyAction, i.apiKey])).toEqual([
      [ID_A, true, 'keep', ''],
      [ID_B, false, 'replace', ''],
    ]);
    expect(toSourceRequest(values, saved)).toEqual({
      ok: true,
      body: {
        name: 'openai-main',
        provider: 'openai-compatible',
        capabilities: ['chat', 'embeddings'],
        timeout_ms: 30000,
        health_check: { path: '/models', interval_s: 15 },
        instances: [
          { id: ID_A, url: 'http://a.test/v1', weight: 3, headers: { 'X-Org': 'acme' }, enabled: true, max_concurrent: 10 },
          { id: ID_B, url: 'http://b.test/v1', weight: 1, headers: {}, enabled: false, max_concurrent: null },
        ],
      },
    });
  });

  it('replaces a stored key with the typed one, removes it with null, and asks for the new key when blank', () => {
    const values = sourceToForm(saved);
    values.instances[0] = { ...values.instances[0]!, keyAction: 'replace', apiKey: 'sk-new' };
    values.instances[1] = { ...values.instances[1]! };
    let result = toSourceRequest(values, saved);
    expect(result.ok && result.body.instances[0]!.api_key).toBe('sk-new');
    values.instances[0] = { ...values.instances[0], keyAction: 'remove' };
    result = toSourceRequest(values, saved);
    expect(result.ok && result.body.instances[0]!.api_key).toBeNull();
    values.instances[0] = { ...values.instances[0], keyAction: 'replace', apiKey: '' };
    expect(toSourceRequest(values, saved)).toEqual({ ok: false, errors: { 'instances.0.api_key': 'Enter the new key, or keep the stored one' } });
  });

  it('sends {} for active checks with every setting at its default, nothing when they are off', () => {
    const on = form({ healthCheck: { ...emptySourceForm().healthCheck, enabled: true } });
    expect(toSourceRequest(on)).toMatchObject({ ok: true, body: { health_check: {} } });
    const off = toSourceRequest(form({ healthCheck: { ...emptySourceForm().healthCheck, intervalS: '5' } }));
    expect(off.ok && 'health_check' in off.body).toBe(false);
  });

  it('refuses what the API cannot undo: turning off saved health checks, removing a saved timeout', () => {
    const values = sourceToForm(saved);
    expect(values.healthCheck.enabled).toBe(true);
    values.healthCheck = { ...values.healthCheck, path: '', intervalS: '' };
    const result = toSourceRequest(values, saved);
    expect(result.ok && result.body.health_check).toEqual({});
    expect(toSourceRequest({ ...values, healthCheck: { ...values.healthCheck, enabled: false } }, saved)).toEqual({
      ok: false,
      errors: { health_check: 'Active health checks cannot be turned off once on' },
    });
    values.timeoutMs = '';
    expect(toSourceRequest(values, saved)).toEqual({ ok: false, errors: { timeout_ms: 'A saved timeout cannot be removed; enter a value' } });
  });

  it('reports every problem under the field that shows it, with the gateway schema', () => {
    const values = form({ name: ' ', capabilities: [], timeoutMs: '2.5', healthCheck: { enabled: true, path: 'health', intervalS: 'x', timeoutMs: '', healthyThreshold: '', unhealthyThreshold: '0' } });
    values.instances = [
      { ...emptyInstance(), url: 'ftp://x' },
      { ...emptyInstance(), url: '', weight: '-1', headers: [{ name: '', value: 'v' }] },
    ];
    const result = toSourceRequest(values);
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Name is required',
        capabilities: 'Pick at least one capability',
        timeout_ms: 'Enter a whole number',
        'health_check.interval_s': 'Enter a whole number',
        'health_check.path': expect.any(String),
        'health_check.unhealthy_threshold': expect.any(String),
        'instances.0.url': 'must be an http(s) URL',
        'instances.1.url': 'URL is required',
        'instances.1.weight': expect.any(String),
        'instances.1.headers': 'Every header needs a name',
      },
    });
  });

  it('needs an API version for Azure OpenAI, and sends it only for Azure', () => {
    const azure = withProvider(form(), 'azure-openai');
    expect(azure.capabilities).toEqual(['chat', 'completions', 'embeddings', 'images', 'audio']);
    expect(toSourceRequest(azure)).toEqual({ ok: false, errors: { api_version: 'Azure OpenAI needs an API version, e.g. 2024-10-21' } });
    const result = toSourceRequest({ ...azure, apiVersion: '2024-10-21' });
    expect(result.ok && result.body.api_version).toBe('2024-10-21');
    const other = toSourceRequest({ ...form(), apiVersion: '2024-10-21' });
    expect(other.ok && 'api_version' in other.body).toBe(false);
  });

  it('needs at least one instance', () => {
    expect(toSourceRequest(form({ instances: [] }))).toMatchObject({ ok: false, errors: { instances: 'A source needs at least one instance' } });
  });

  it('maps API params to the form fields that show them', () => {
    expect(sourceFieldOf('name')).toBe('name');
    expect(sourceFieldOf('capabilities.2')).toBe('capabilities');
    expect(sourceFieldOf('instances.1.url')).toBe('instances.1.url');
    expect(sourceFieldOf('instances.1.headers.X-Bad Name')).toBe('instances.1.headers');
    expect(sourceFieldOf('instances.1.id')).toBe('instances.1');
    expect(sourceFieldOf('instances')).toBe('instances');
    expect(sourceFieldOf('health_check.interval_s')).toBe('health_check.interval_s');
    expect(sourceFieldOf('health_check')).toBe('health_check');
    expect(sourceFieldOf('something_else')).toBeNull();
  });
});

describe('test connection request', () => {
  it('sends the typed key for an unsaved instance, with headers and the provider', () => {
    const values = form({ provider: 'groq' });
    values.instances[0] = { ...values.instances[0]!, apiKey: 'sk-typed', headers: [{ name: 'X-A', value: '1' }] };
    expect(toTestConnectionRequest(values, 0)).toEqual({ ok: true, body: { provider: 'groq', url: 'http://up.test/v1', api_key: 'sk-typed', headers: { 'X-A': '1' } } });
  });

  it('uses the stored key of a saved instance (instance_id) unless a new key is typed or the key is removed', () => {
    const values = sourceToForm(saved);
    expect(toTestConnectionRequest(values, 0)).toEqual({ ok: true, body: { provider: 'openai-compatible', url: 'http://a.test/v1', headers: { 'X-Org': 'acme' }, instance_id: ID_A } });
    values.instances[0] = { ...values.instances[0]!, keyAction: 'replace', apiKey: 'sk-new' };
    expect(toTestConnectionRequest(values, 0)).toMatchObject({ ok: true, body: { api_key: 'sk-new' } });
    expect(toTestConnectionRequest(values, 0)).not.toMatchObject({ body: { instance_id: expect.anything() } });
    values.instances[0] = { ...values.instances[0], keyAction: 'remove' };
    const removed = toTestConnectionRequest(values, 0);
    expect(removed.ok && ('api_key' in removed.body || 'instance_id' in removed.body)).toBe(false);
    // A saved instance without a key: nothing to look up.
    expect(toTestConnectionRequest(values, 1)).toEqual({ ok: true, body: { provider: 'openai-compatible', url: 'http://b.test/v1' } });
  });

  it('sends the API version for Azure, and reports a bad URL beside the field', () => {
    const azure = { ...withProvider(form(), 'azure-openai'), apiVersion: '2024-10-21' };
    expect(toTestConnectionRequest(azure, 0)).toMatchObject({ ok: true, body: { provider: 'azure-openai', api_version: '2024-10-21' } });
    const bad = form();
    bad.instances[0] = { ...bad.instances[0]!, url: 'not a url' };
    expect(toTestConnectionRequest(bad, 0)).toEqual({ ok: false, errors: { 'instances.0.url': 'must be an http(s) URL' } });
    expect(toTestConnectionRequest({ ...bad, instances: [{ ...bad.instances[0]!, url: ' ' }] }, 0)).toEqual({ ok: false, errors: { 'instances.0.url': 'URL is required' } });
  });
});
