/**
 * Host-name matching shared by domains (Host header) and certificates (SNI): exact names, and
 * `*.example.com` wildcards covering exactly one more label (as TLS does, RFC 6125): `x.example.com`
 * but neither `example.com` nor `a.b.example.com`.
 */

/** `a.b.example.com` -> `b.example.com`: what a wildcard `*.b.example.com` is stored under. */
const parentOf = (host: string): string | null => {
  const dot = host.indexOf('.');
  return dot > 0 ? host.slice(dot + 1) : null;
};

export const isWildcard = (name: string): boolean => name.startsWith('*.');

/** Does the name (exact or wildcard) cover `host`? */
export function nameCovers(name: string, host: string): boolean {
  return isWildcard(name) ? parentOf(host) === name.slice(2) : name === host;
}

/** Does one of a certificate's names cover a domain's host name (a wildcard domain needs the same wildcard)? */
export const coversHost = (sans: readonly string[], hostname: string): boolean => sans.some((san) => nameCovers(san, hostname));

/** Immutable lookup by host name: an exact entry first, then the wildcard of its parent. */
export class HostTable<T> {
  private readonly exact = new Map<string, T>();
  private readonly wildcards = new Map<string, T>();

  /** Adds an entry unless the name already has one (callers add in order of preference). */
  add(name: string, value: T): void {
    const [map, key] = isWildcard(name) ? [this.wildcards, name.slice(2)] : [this.exact, name];
    if (!map.has(key)) map.set(key, value);
  }

  get size(): number {
    return this.exact.size + this.wildcards.size;
  }

  lookup(host: string): T | undefined {
    const exact = this.exact.get(host);
    if (exact !== undefined) return exact;
    const parent = parentOf(host);
    return parent === null ? undefined : this.wildcards.get(parent);
  }
}
