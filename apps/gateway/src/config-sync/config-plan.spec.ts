import { describe, expect, it } from 'vitest';
import type { Capability } from '@aigw/shared/admin/sources';
import { checkReferences, planConfig, sha256, type DesiredDocument, type DesiredSource } from './config-plan.js';
import type { GatewayState, StateRoute, StateSource } from './config-state.js';

const ALL: Capability[] = ['chat', 'completions', 'embeddings', 'rerank', 'images', 'audio'];

const stored = (over: Partial<StateSource> = {}): StateSource => ({
  id: 'src-openai',
  name: 'openai',
  provider: 'openai',
  capabilities: ALL,
  timeout_ms: null,
  health_check: null,
  api_version: null,
  instances: [{ id: 'inst-1', url: 'https://api.openai.com/v1', weight: 1, headers: {}, enabled: true, max_concurrent: null, api_key_sha256: sha256('sk-1') }],
  ...over,
});

const storedRoute = (over: Partial<StateRoute> = {}): StateRoute => ({
  id: 'route-gpt',
  name: 'gpt',
  match: { models: ['gpt-4o'] },
  targets: [{ source_id: 'src-openai', weight: 1 }],
  fallback: [],
  strategy: 'round_robin',
  priority: 0,
  enabled: true,
  ...over,
});

const wanted = (over: Partial<DesiredSource> = {}): DesiredSource => ({
  name: 'openai',
  provider: 'openai',
  capabilities: ALL,
  instances: [{ url: 'https://api.openai.com/v1', weight: 1, enabled: true, api_key: 'sk-1' }],
  ...over,
});

const wantedRoute = (over: Partial<DesiredDocument['routes'][number]> = {}): DesiredDocument['routes'][number] => ({
  name: 'gpt',
  match: { models: ['gpt-4o'] },
  targets: [{ source: 'openai', weight: 1 }],
  strategy: 'round_robin',
  priority: 0,
  enabled: true,
  ...over,
});

const state = (sources = [stored()], routes = [storedRoute()]): GatewayState => ({ sources, routes });
const doc = (sources = [wanted()], routes = [wantedRoute()]): DesiredDocument => ({ sources, routes });

describe('planConfig', () => {
  it('creates everything on an empty gateway, sources before routes', () => {
    const plan = planConfig({ sources: [], routes: [] }, doc(), { prune: false });
    expect(plan.changes).toEqual([
      { kind: 'source', name: 'openai', action: 'create' },
      { kind: 'route', name: 'gpt', action: 'create' },
    ]);
    expect(plan.steps.map((s) => `${s.action} ${s.kind}`)).toEqual(['create source', 'create route']);
    expect(plan.steps[0]).toMatchObject({ source: { name: 'openai', instances: [{ url: 'https://api.openai.com/v1', api_key: 'sk-1', headers: {}, max_concurrent: null }] } });
    expect(plan.steps[1]).toMatchObject({ route: { targets: [{ source: 'openai', weight: 1 }], fallback: [], match: { models: ['gpt-4o'] } } });
  });

  it('leaves an identical state alone: every change unchanged, no steps', () => {
    const plan = planConfig(state(), doc(), { prune: false });
    expect(plan.changes).toEqual([
      { kind: 'source', name: 'openai', action: 'unchanged' },
      { kind: 'route', name: 'gpt', action: 'unchanged' },
    ]);
    expect(plan.steps).toEqual([]);
  });

  it('keeps a stored key when the document has none, and notices a different one', () => {
    const noKey = wanted({ instances: [{ url: 'https://api.openai.com/v1', weight: 1, enabled: true }] });
    expect(planConfig(state(), doc([noKey]), { prune: false }).steps).toEqual([]);
    const plan = planConfig(state(), doc([wanted({ instances: [{ url: 'https://api.openai.com/v1', weight: 1, enabled: true, api_key: 'sk-2' }] })]), { prune: false });
    expect(plan.changes[0]).toEqual({ kind: 'source', name: 'openai', action: 'update', fields: ['instances'] });
    // matched by URL: the instance keeps its id (and so its health history)
    expect(plan.steps[0]).toMatchObject({ action: 'update', id: 'src-openai', source: { instances: [{ id: 'inst-1', api_key: 'sk-2' }] } });
  });

  it('names exactly the top-level fields that differ', () => {
    const plan = planConfig(
      state(),
      doc([wanted({ timeout_ms: 30_000, capabilities: ['chat'] })], [wantedRoute({ priority: 5, targets: [{ source: 'openai', weight: 1, model: 'gpt-4o-2024-08-06' }] })]),
      { prune: false },
    );
    expect(plan.changes).toEqual([
      { kind: 'source', name: 'openai', action: 'update', fields: ['capabilities', 'timeout_ms'] },
      { kind: 'route', name: 'gpt', action: 'update', fields: ['targets', 'priority'] },
    ]);
  });

  it('treats capabilities as a set and empty match lists as absent', () => {
    const plan = planConfig(
      state([stored()], [storedRoute({ match: { models: ['gpt-4o'], paths: [] } })]),
      doc([wanted({ capabilities: [...ALL].reverse() })], [wantedRoute({ match: { models: ['gpt-4o'], headers: {} } })]),
      { prune: false },
    );
    expect(plan.steps).toEqual([]);
  });

  it('matches instances by URL: a new URL is a new instance, a vanished one is removed, order counts', () => {
    const two = stored({
      instances: [
        { id: 'a', url: 'http://a/v1', weight: 1, headers: {}, enabled: true, max_concurrent: null, api_key_sha256: null },
        { id: 'b', url: 'http://b/v1', weight: 1, headers: {}, enabled: true, max_concurrent: null, api_key_sha256: null },
      ],
    });
    const swapped = planConfig(
      state([two], []),
      doc(
        [
          wanted({
            instances: [
              { url: 'http://b/v1', weight: 1, enabled: true },
              { url: 'http://a/v1', weight: 1, enabled: true },
            ],
          }),
        ],
        [],
      ),
      { prune: false },
    );
    expect(swapped.steps[0]).toMatchObject({ source: { instances: [{ id: 'b' }, { id: 'a' }] } });
    const replaced = planConfig(state([two], []), doc([wanted({ instances: [{ url: 'http://c/v1', weight: 2, enabled: true }] })], []), { prune: false });
    expect(replaced.changes).toEqual([{ kind: 'source', name: 'openai', action: 'update', fields: ['instances'] }]);
    expect((replaced.steps[0] as { source: { instances: Array<{ id?: string }> } }).source.instances[0]!.id).toBeUndefined();
  });

  it('compares instance headers, weight, enabled and max_concurrent', () => {
    for (const change of [{ headers: { 'X-Team': 'ml' } }, { weight: 3 }, { enabled: false }, { max_concurrent: 4 }]) {
      const plan = planConfig(state(), doc([wanted({ instances: [{ url: 'https://api.openai.com/v1', weight: 1, enabled: true, ...change }] })]), { prune: false });
      expect(plan.changes[0]).toEqual({ kind: 'source', name: 'openai', action: 'update', fields: ['instances'] });
    }
  });

  it('prunes only with prune: routes first, then sources, by name', () => {
    const current = state([stored(), stored({ id: 'src-old', name: 'old' })], [storedRoute(), storedRoute({ id: 'r-old', name: 'old-route', targets: [{ source_id: 'src-old', weight: 1 }] })]);
    expect(planConfig(current, doc(), { prune: false }).steps).toEqual([]);
    const plan = planConfig(current, doc(), { prune: true });
    expect(plan.changes.filter((c) => c.action === 'delete')).toEqual([
      { kind: 'route', name: 'old-route', action: 'delete' },
      { kind: 'source', name: 'old', action: 'delete' },
    ]);
    expect(plan.steps).toEqual([
      { kind: 'route', action: 'delete', name: 'old-route', id: 'r-old' },
      { kind: 'source', action: 'delete', name: 'old', id: 'src-old' },
    ]);
  });

  it('reads stored targets by source name, so a route to a renamed source differs', () => {
    const plan = planConfig(state([stored(), stored({ id: 'src-2', name: 'other' })]), doc([wanted()], [wantedRoute({ targets: [{ source: 'other', weight: 1 }] })]), {
      prune: false,
    });
    expect(plan.changes[1]).toEqual({ kind: 'route', name: 'gpt', action: 'update', fields: ['targets'] });
  });
});

describe('checkReferences', () => {
  it('accepts sources in the document or already in the gateway', () => {
    expect(checkReferences(state(), doc([], [wantedRoute()]), false)).toEqual([]);
    expect(checkReferences({ sources: [], routes: [] }, doc(), false)).toEqual([]);
  });

  it('names the path of an unknown source, in targets and fallback', () => {
    const route = wantedRoute({ targets: [{ source: 'openai', weight: 1 }, { source: 'nope', weight: 1 }], fallback: [{ source: 'gone', weight: 1 }] });
    expect(checkReferences(state(), doc([wanted()], [wantedRoute({ name: 'ok' }), route]), false)).toEqual([
      { path: 'routes.1.targets.1.source', message: 'source "nope" is neither in the document nor in the gateway' },
      { path: 'routes.1.fallback.0.source', message: 'source "gone" is neither in the document nor in the gateway' },
    ]);
  });

  it('with prune, a source the document leaves out would be deleted: referencing it is an error', () => {
    expect(checkReferences(state(), doc([], [wantedRoute()]), true)).toEqual([
      { path: 'routes.0.targets.0.source', message: 'source "openai" is not in the document, and prune would delete it' },
    ]);
  });
});
