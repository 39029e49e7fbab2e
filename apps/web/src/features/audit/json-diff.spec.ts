import { describe, expect, it } from 'vitest';
import { diffJson, formatLeaf } from './json-diff';

describe('diffJson', () => {
  it('names each changed, added and removed leaf by its path', () => {
    const before = { name: 'a', limits: { requests_per_minute: 10, tokens_per_day: 5 }, models: ['x', 'y'], updated_at: '1' };
    const after = { name: 'a', limits: { requests_per_minute: 20 }, models: ['x', 'z', 'w'], updated_at: '2' };
    expect(diffJson(before, after)).toEqual([
      { path: 'limits.requests_per_minute', kind: 'changed', before: 10, after: 20 },
      { path: 'limits.tokens_per_day', kind: 'removed', before: 5 },
      { path: 'models.1', kind: 'changed', before: 'y', after: 'z' },
      { path: 'updated_at', kind: 'changed', before: '1', after: '2' },
      { path: 'models.2', kind: 'added', after: 'w' },
    ]);
  });

  it('treats an emptied object or list as a value of its own', () => {
    expect(diffJson({ headers: { a: '1' } }, { headers: {} })).toEqual([
      { path: 'headers.a', kind: 'removed', before: '1' },
      { path: 'headers', kind: 'added', after: {} },
    ]);
  });

  it('makes everything added for a create and removed for a delete', () => {
    expect(diffJson(null, { id: 'k', tags: [] })).toEqual([
      { path: 'id', kind: 'added', after: 'k' },
      { path: 'tags', kind: 'added', after: [] },
    ]);
    expect(diffJson({ id: 'k' }, null)).toEqual([{ path: 'id', kind: 'removed', before: 'k' }]);
  });

  it('finds nothing between equal values', () => {
    expect(diffJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });
});

describe('formatLeaf', () => {
  it('writes leaves as JSON', () => {
    expect([formatLeaf('x'), formatLeaf(null), formatLeaf(3), formatLeaf([]), formatLeaf(undefined)]).toEqual(['"x"', 'null', '3', '[]', '']);
  });
});
