import { describe, expect, it } from 'vitest';
import { ipMatcher, parseRange } from './cidr.js';

describe('client address ranges', () => {
  it('matches IPv4, IPv6 and IPv4-mapped addresses against CIDR ranges and single addresses', () => {
    const allowed = ipMatcher(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32']);
    expect(allowed('10.20.30.40')).toBe(true);
    expect(allowed('::ffff:10.1.2.3')).toBe(true);
    expect(allowed('192.168.1.7')).toBe(true);
    expect(allowed('192.168.1.8')).toBe(false);
    expect(allowed('2001:db8:1::5')).toBe(true);
    expect(allowed('2001:db9::1')).toBe(false);
    expect(allowed('not an ip')).toBe(false);
  });

  it('refuses what is not an address or a range', () => {
    expect(() => parseRange('10.0.0.0/33')).toThrow();
    expect(() => parseRange('300.1.1.1')).toThrow();
    expect(parseRange('127.0.0.1')[1]).toBe(32);
  });
});
