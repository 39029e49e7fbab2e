import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from './redirect';

describe('login redirects', () => {
  it('returns to the page the user asked for', () => {
    expect(safeNextPath('/keys')).toBe('/keys');
    expect(safeNextPath('/usage?from=2026-01-01#top')).toBe('/usage?from=2026-01-01#top');
    const next = new URLSearchParams(loginPathFor('/keys?x=1').split('?')[1]).get('next');
    expect(safeNextPath(next)).toBe('/keys?x=1');
  });

  it('never leaves the site or loops back to the login page', () => {
    for (const bad of [null, undefined, '', 'https://evil.test', '//evil.test/x', '/\\evil.test', 'javascript:alert(1)', '/login', '/login?next=/keys']) {
      expect(safeNextPath(bad)).toBe('/');
    }
  });

  it('builds the login URL with the path to come back to', () => {
    expect(loginPathFor('/')).toBe('/login');
    expect(loginPathFor('/keys')).toBe('/login?next=%2Fkeys');
  });
});
