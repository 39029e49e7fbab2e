import { describe, expect, it } from 'vitest';
import { deriveAuditSpec, singular } from './audit-action.js';

describe('deriveAuditSpec', () => {
  it('names CRUD changes <resource>.<verb>', () => {
    expect(deriveAuditSpec('POST', '/api/admin/keys')).toEqual({ action: 'key.create', resourceType: 'key' });
    expect(deriveAuditSpec('PATCH', '/api/admin/sources/:id')).toEqual({ action: 'source.update', resourceType: 'source' });
    expect(deriveAuditSpec('PUT', '/api/admin/policies/:id')).toEqual({ action: 'policy.update', resourceType: 'policy' });
    expect(deriveAuditSpec('DELETE', '/api/admin/routes/:id')).toEqual({ action: 'route.delete', resourceType: 'route' });
    expect(deriveAuditSpec('POST', '/api/admin/users')).toEqual({ action: 'user.create', resourceType: 'user' });
  });

  it('names actions on a path by their last segments', () => {
    expect(deriveAuditSpec('POST', '/api/admin/config/apply')).toEqual({ action: 'config.apply', resourceType: 'config' });
    expect(deriveAuditSpec('POST', '/api/admin/sources/test')).toEqual({ action: 'source.test', resourceType: 'source' });
    expect(deriveAuditSpec('POST', '/api/admin/model-hosts/:id/models/:modelId/start')).toEqual({ action: 'model_host.models.start', resourceType: 'model_host' });
    expect(deriveAuditSpec('DELETE', '/api/admin/model-hosts/:id/models/:modelId')).toEqual({ action: 'model_host.models.delete', resourceType: 'model_host' });
  });

  it('leaves reads and other paths alone', () => {
    expect(deriveAuditSpec('GET', '/api/admin/keys')).toBeNull();
    expect(deriveAuditSpec('HEAD', '/api/admin/keys')).toBeNull();
    expect(deriveAuditSpec('POST', '/auth/refresh')).toBeNull();
    expect(deriveAuditSpec('POST', '/v1/chat/completions')).toBeNull();
    expect(deriveAuditSpec('POST', undefined)).toBeNull();
  });
});

describe('singular', () => {
  it('makes resource names singular and snake_case', () => {
    expect(['keys', 'policies', 'model-hosts', 'usage', 'config', 'certificates', 'address'].map(singular)).toEqual([
      'key',
      'policy',
      'model_host',
      'usage',
      'config',
      'certificate',
      'address',
    ]);
  });
});
