import { describe, expect, it } from 'vitest';
import { SecretBox } from '../crypto/secret-box.js';
import type { ApiKeyEntity } from '../keys/api-key.entity.js';
import type { RouteEntity } from '../routes/route.entity.js';
import type { SourceInstanceEntity } from '../sources/source-instance.entity.js';
import type { SourceEntity } from '../sources/source.entity.js';
import { instanceKeyContext } from '../sources/instance-secret.js';
import { buildSnapshot } from './build-snapshot.js';

const secrets = new SecretBox('k'.repeat(32));
const at = new Date('2026-01-01T00:00:00Z');
const source = (id: string, provider = 'openai-compatible') => ({ id, name: id, provider, capabilities: ['chat'], timeoutMs: null, healthCheck: null, apiVersion: null, createdAt: at, updatedAt: at }) as SourceEntity;
const instance = (id: string, sourceId: string, extra: Partial<SourceInstanceEntity> = {}) =>
  ({ id, sourceId, position: 0, url: `http://${id}.local:8000/v1`, weight: 1, apiKeyEnc: null, headers: {}, enabled: true, maxConcurrent: null, createdAt: at, ...extra }) as SourceInstanceEntity;
const route = (id: string, models: string[], sourceId: string, extra: Partial<RouteEntity> = {}) =>
  ({ id, name: id, match: { models }, targets: [{ source_id: sourceId, weight: 1 }], strategy: 'round_robin', fallback: [], priority: 0, enabled: true, createdAt: at, updatedAt: at, ...extra }) as RouteEntity;

const build = (routes: RouteEntity[], instances: SourceInstanceEntity[], keys: ApiKeyEntity[] = []) =>
  buildSnapshot({ keys, sources: [source('s1'), source('s2')], instances, routes }, { secrets, defaultTimeoutMs: 1000 });

describe('buildSnapshot', () => {
  it('precomputes upstream headers, decrypting the key once', () => {
    const sealed = secrets.seal('sk-up', instanceKeyContext('i1'));
    const snap = build([route('r', ['m'], 's1')], [instance('i1', 's1', { apiKeyEnc: sealed, headers: { 'X-Org': 'o' } })]);
    const [picked] = snap.routeForModel('m', {})!.primary.candidates;
    expect(picked!.instance).toMatchObject({ origin: 'http://i1.local:8000', timeoutMs: 1000, target: { basePath: '/v1', apiKey: 'sk-up' } });
    expect(picked!.instance.target.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer sk-up', 'x-org': 'o' });
    expect([...picked!.instance.operations]).toContain('chat');
  });

  it('leaves out an instance whose key cannot be decrypted, and says so', () => {
    const foreign = new SecretBox('z'.repeat(32)).seal('sk-up', instanceKeyContext('bad'));
    const skipped: string[] = [];
    const snap = buildSnapshot(
      { keys: [], sources: [source('s1')], instances: [instance('bad', 's1', { apiKeyEnc: foreign }), instance('good', 's1')], routes: [route('r', ['m'], 's1')] },
      { secrets, defaultTimeoutMs: 1000, onSkippedInstance: (id) => skipped.push(id) },
    );
    expect(skipped).toEqual(['bad']);
    expect(snap.routeForModel('m', {})!.primary.candidates).toHaveLength(1);
  });

  it('prefers higher priority, then exact names over globs, and honours header matchers', () => {
    const snap = build(
      [
        route('glob', ['gpt-*'], 's1'),
        route('exact', ['gpt-4o'], 's1'),
        route('header', ['gpt-4o'], 's2', { match: { models: ['gpt-4o'], headers: { 'X-Channel-Code': 'beta' } }, priority: 5 }),
        route('disabled', ['gpt-4o'], 's2', { enabled: false, priority: 100 }),
      ],
      [instance('i1', 's1'), instance('i2', 's2')],
    );
    expect(snap.routeForModel('gpt-4o', {})?.name).toBe('exact');
    expect(snap.routeForModel('gpt-4o-mini', {})?.name).toBe('glob');
    expect(snap.routeForModel('gpt-4o', { 'x-channel-code': 'beta' })?.name).toBe('header');
    expect(snap.routeForModel('claude', {})).toBeUndefined();
    expect(snap.listModels().map((m) => m.id)).toEqual(['gpt-4o']);
  });

  it('leaves disabled and zero-weight instances out of balancing', () => {
    const snap = build([route('r', ['m'], 's1')], [instance('on', 's1'), instance('off', 's1', { enabled: false }), instance('zero', 's1', { weight: 0 })]);
    expect(snap.routeForModel('m', {})!.primary.candidates.map((c) => c.instance.id)).toEqual(['on']);
  });

  it('shares a target\'s weight among its instances and routes paths', () => {
    const snap = build(
      [
        route('split', ['m'], 's1', { targets: [{ source_id: 's1', weight: 1 }, { source_id: 's2', weight: 1 }], strategy: 'weighted_random' }),
        route('task', [], 's2', { match: { paths: ['/embed/text/*'] }, targets: [{ source_id: 's2', weight: 1, path: '/embed' }] }),
      ],
      [instance('a1', 's1'), instance('a2', 's1', { weight: 3 }), instance('b1', 's2')],
    );
    const weights = Object.fromEntries(snap.routeForModel('m', {})!.primary.candidates.map((c) => [c.instance.id, c.weight]));
    expect(weights).toEqual({ a1: 0.25, a2: 0.75, b1: 1 });
    expect(snap.routeForPath('/embed/text/bge', {})?.name).toBe('task');
    expect(snap.routeForPath('/other', {})).toBeUndefined();
    expect(snap.routeForModel('task', {})).toBeUndefined();
  });

  it('indexes keys by hash, with expiry and revocation', () => {
    const key = { id: 'k', name: 'k', prefix: 'sk-', keyHash: 'h1', namespaceId: null, models: ['a*'], limits: {}, expiresAt: at, revokedAt: at, lastUsedAt: null, createdBy: null, createdAt: at, updatedAt: at } as ApiKeyEntity;
    const entry = build([], [], [key]).keyByHash('h1');
    expect(entry).toMatchObject({ id: 'k', expiresAt: at.getTime(), revoked: true });
    expect(entry?.models.matches('abc')).toBe(true);
    expect(entry?.models.matches('b')).toBe(false);
  });
});
