import { describe, expect, it } from 'vitest';
import { coversHost, HostTable, nameCovers } from './host-names.js';

describe('host names', () => {
  it('lets a wildcard cover exactly one more label', () => {
    expect(nameCovers('*.b.test', 'x.b.test')).toBe(true);
    expect(nameCovers('*.b.test', 'b.test')).toBe(false);
    expect(nameCovers('*.b.test', 'y.x.b.test')).toBe(false);
    expect(nameCovers('a.test', 'a.test')).toBe(true);
    expect(nameCovers('a.test', 'x.a.test')).toBe(false);
  });

  it('covers a wildcard domain only with the same wildcard', () => {
    expect(coversHost(['*.b.test'], '*.b.test')).toBe(true);
    expect(coversHost(['x.b.test'], '*.b.test')).toBe(false);
    expect(coversHost(['a.test', '*.b.test'], 'x.b.test')).toBe(true);
  });

  it('looks up exact names before wildcards, first entry winning', () => {
    const table = new HostTable<string>();
    table.add('*.b.test', 'wild');
    table.add('x.b.test', 'exact');
    table.add('x.b.test', 'later');
    expect(table.lookup('x.b.test')).toBe('exact');
    expect(table.lookup('y.b.test')).toBe('wild');
    expect(table.lookup('b.test')).toBeUndefined();
    expect(table.lookup('z.y.b.test')).toBeUndefined();
    expect(table.size).toBe(2);
  });
});
