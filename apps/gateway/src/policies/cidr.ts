import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** `10.0.0.0/8` or a single address -> a range; throws on anything else. */
export function parseRange(value: string): Range {
  if (value.includes('/')) return ipaddr.parseCIDR(value);
  const addr = ipaddr.parse(value);
  return [addr, addr.kind() === 'ipv4' ? 32 : 128];
}

/** A matcher for a list of ranges; IPv4-mapped IPv6 client addresses (::ffff:1.2.3.4) count as IPv4. */
export function ipMatcher(ranges: readonly string[]): (ip: string) => boolean {
  const parsed = ranges.map(parseRange);
  return (ip) => {
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      addr = ipaddr.process(ip);
    } catch {
      return false;
    }
    return parsed.some(([range, bits]) => range.kind() === addr.kind() && addr.match([range, bits] as never));
  };
}
