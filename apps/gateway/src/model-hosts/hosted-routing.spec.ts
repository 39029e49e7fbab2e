import { describe, expect, it } from 'vitest';
import { SecretBox } from '../crypto/secret-box.js';
import type { RouteEntity } from '../routes/route.entity.js';
import type { SourceEntity } from '../sources/source.entity.js';
import { buildSnapshot } from '../snapshot/build-snapshot.js';
import { derivedId, hostedRows } from './hosted-routing.js';
import { hostTokenContext, type ModelHostEntity } from './model-host.entity.js';

const secrets = new SecretBox('k'.repeat(32));
const at = new Date('2026-01-01T00:00:00Z');
const host = (id: string, running: Array<[string, string]>, box = secrets) =>
  ({
    id,
    name: `host-${id}`,
    url: `http://${id}.local:5000`,
    tokenEnc: box.seal(`token-${id}`, hostTokenContext(id)),
    runningModels: running.map(([mid, served]) => ({ id: mid, served_name: served })),
    createdAt: at,
    updatedAt: at,
  }) as ModelHostEntity;

const snapshotOf = (hosts: ModelHostEntity[], admin: { sources?: SourceEntity[]; routes?: RouteEntity[] } = {}) => {
  const rows = hostedRows(hosts, secrets);
  return buildSnapshot(
    { keys: [], sources: [...(admin.sources ?? []), ...rows.sources], instances: rows.instances, routes: [...(admin.routes ?? []), ...rows.routes] },
    { secrets, defaultTimeoutMs: 1000 },
  );
};

describe('hostedRows', () => {
  it('routes a served name to every host that runs it, through the host proxy with its token', () => {
    const snap = snapshotOf([host('a', [['chat', 'chat-1'], ['embed', 'bge']]), host('b', [['chat-copy', 'chat-1']])]);
    const route = snap.routeForModel('chat-1', {})!;
    expect(route.priority).toBe(-1001);
    expect(route.strategy).toBe('least_connections');
    const instances = route.primary.candidates.map((c) => c.instance);
    expect(instances.map((i) => [i.origin, i.target.basePath, i.target.headers.authorization, i.provider, i.sourceName])).toEqual([
      ['http://a.local:5000', '/v1', 'Bearer token-a', 'model-host', 'host-a/chat'],
      ['http://b.local:5000', '/v1', 'Bearer token-b', 'model-host', 'host-b/chat-copy'],
    ]);
    expect(snap.routeForModel('bge', {})!.primary.candidates).toHaveLength(1);
    expect(snap.listModels().map((m) => m.id).sort()).toEqual(['bge', 'chat-1']);
  });

  it('keeps ids stable across rebuilds, so instance health survives', () => {
    const one = hostedRows([host('a', [['chat', 'chat-1']])], secrets);
    const two = hostedRows([host('a', [['chat', 'chat-1']])], secrets);
    expect(two.instances.map((i) => i.id)).toEqual(one.instances.map((i) => i.id));
    expect(one.instances[0]!.id).toBe(derivedId('model-host-instance', 'a', 'chat'));
    expect(one.instances[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('yields to an admin route for the same name, even one of the lowest priority', () => {
    const adminSource = { id: 's1', name: 's1', provider: 'openai-compatible', capabilities: ['chat'], timeoutMs: null, healthCheck: null, apiVersion: null, createdAt: at, updatedAt: at } as SourceEntity;
    const adminRoute = { id: 'r1', name: 'r1', match: { models: ['chat-*'] }, targets: [{ source_id: 's1', weight: 1 }], strategy: 'round_robin', fallback: [], priority: -1000, enabled: true, namespaceId: null, limits: {}, policyIds: [], createdAt: at, updatedAt: at } as RouteEntity;
    const snap = snapshotOf([host('a', [['chat', 'chat-1']])], { sources: [adminSource], routes: [adminRoute] });
    expect(snap.routeForModel('chat-1', {})!.id).toBe('r1');
  });

  it('leaves out a host whose token cannot be opened, and glob-like served names', () => {
    const skipped: string[] = [];
    const rows = hostedRows([host('x', [['m', 'm']], new SecretBox('z'.repeat(32))), host('a', [['g', 'gpt-*']])], secrets, (id) => skipped.push(id));
    expect(skipped).toEqual(['x']);
    expect(rows).toEqual({ sources: [], instances: [], routes: [] });
  });

  it('has nothing to route when no model runs', () => {
    expect(snapshotOf([host('a', [])]).listModels()).toEqual([]);
  });
});
