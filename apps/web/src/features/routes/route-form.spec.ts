import type { Route } from '@aigw/shared/admin/routes';
import { describe, expect, it } from 'vitest';
import { emptyRouteForm, emptyTarget, exactModelNames, routeFieldOf, routeToForm, toRouteRequest, type RouteFormValues } from './route-form';

const SRC_A = '11111111-1111-4111-8111-111111111111';
const SRC_B = '22222222-2222-4222-8222-222222222222';

function form(patch: Partial<RouteFormValues> = {}): RouteFormValues {
  return { ...emptyRouteForm(), name: 'chat', models: 'gpt-4o', targets: [emptyTarget(SRC_A)], ...patch };
}

const saved: Route = {
  id: '33333333-3333-4333-8333-333333333333',
  name: 'gpt',
  match: { models: ['gpt-4o', 'gpt-4o-*'], paths: ['/v1/custom'], headers: { 'x-team': 'a' } },
  targets: [
    { source_id: SRC_A, weight: 3, model: 'gpt-4o-2024' },
    { source_id: SRC_B, weight: 1 },
  ],
  strategy: 'weighted_random',
  fallback: [{ source_id: SRC_B, weight: 1, path: '/v1/chat/completions' }],
  priority: 5,
  enabled: false,
  namespace_id: null,
  limits: {},
  policy_ids: [],
  created_at: '',
  updated_at: '',
};

describe('route form -> API body', () => {
  it('builds a minimal body with defaults', () => {
    expect(toRouteRequest(form())).toEqual({
      ok: true,
      body: { name: 'chat', match: { models: ['gpt-4o'] }, targets: [{ source_id: SRC_A, weight: 1 }], fallback: [], strategy: 'round_robin', priority: 0, enabled: true },
    });
  });

  it('round-trips a saved route with every field', () => {
    // Namespace, limits and policies are not edited by this form; PATCH leaves them as they are.
    const { id: _id, created_at: _c, updated_at: _u, namespace_id: _n, limits: _l, policy_ids: _p, ...body } = saved;
    expect(toRouteRequest(routeToForm(saved))).toEqual({ ok: true, body });
  });

  it('splits models and paths on commas and new lines and sends header matchers', () => {
    const result = toRouteRequest(form({ models: 'a,\nb , a', paths: '/x\n/y', headers: [{ name: 'x-team', value: 'blue' }] }));
    expect(result.ok && result.body.match).toEqual({ models: ['a', 'b'], paths: ['/x', '/y'], headers: { 'x-team': 'blue' } });
  });

  it('reports each problem beside its field', () => {
    const result = toRouteRequest(
      form({
        name: '',
        models: 'bad model',
        priority: 'high',
        targets: [emptyTarget(), { ...emptyTarget(SRC_A), weight: '2000', path: 'no-slash' }],
        fallback: [{ ...emptyTarget(SRC_B), weight: 'x' }],
      }),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Name is required',
        priority: 'Enter a whole number',
        'match.models': 'must not contain spaces',
        'targets.0.source_id': 'Choose a source',
        'targets.1.weight': expect.any(String),
        'targets.1.path': expect.any(String),
        'fallback.0.weight': 'Enter a whole number',
      },
    });
  });

  it('needs a model or a path, and a target', () => {
    expect(toRouteRequest(form({ models: ' ', targets: [] }))).toEqual({
      ok: false,
      errors: { match: 'Match at least one model name or path', targets: 'A route needs at least one target' },
    });
  });

  it('maps API params to form fields', () => {
    expect(routeFieldOf('match.paths.0')).toBe('match.paths');
    expect(routeFieldOf('match')).toBe('match');
    expect(routeFieldOf('targets.2.source_id')).toBe('targets.2.source_id');
    expect(routeFieldOf('fallback.0')).toBe('fallback.0');
    expect(routeFieldOf('targets')).toBe('targets');
    expect(routeFieldOf('priority')).toBe('priority');
    expect(routeFieldOf('nope')).toBeNull();
  });
});

describe('exact model names', () => {
  it('lists the exact names of enabled routes, sorted, without globs or duplicates', () => {
    const routes = [
      { enabled: true, match: { models: ['gpt-4o', 'claude-*', 'b-model'] } },
      { enabled: true, match: { paths: ['/x'] } },
      { enabled: false, match: { models: ['hidden'] } },
      { enabled: true, match: { models: ['gpt-4o', 'a?c'] } },
    ];
    expect(exactModelNames(routes)).toEqual(['b-model', 'gpt-4o']);
  });
});
