import { describe, expect, it } from 'vitest';
import { navItems } from './nav';

describe('navigation', () => {
  it('lists every page the product has, once, in order', () => {
    expect(navItems.map((i) => [i.label, i.path])).toEqual([
      ['Dashboard', '/'],
      ['Service Sources', '/sources'],
      ['Services', '/services'],
      ['Routes', '/routes'],
      ['Domains', '/domains'],
      ['Certificates', '/certificates'],
      ['Local Models', '/local-models'],
      ['API Keys', '/keys'],
      ['Namespaces & Policies', '/namespaces'],
      ['Usage', '/usage'],
      ['Playground', '/playground'],
      ['Users', '/users'],
      ['Audit Log', '/audit'],
      ['Settings', '/settings'],
    ]);
  });
});
