import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { KeyEntry, NamespaceEntry, NamespaceIndex, RoutingSnapshot } from '../snapshot/routing-snapshot.js';

/** The host name a request was sent to, without its port. */
export function hostOf(headers: IncomingHttpHeaders): string | undefined {
  const host = headers.host;
  if (!host) return undefined;
  return (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0])!.toLowerCase();
}

/** The namespace a request's own matchers select: domain, then header, then path prefix (already found by the server). */
export function selectedNamespace(index: NamespaceIndex, host: string | undefined, headers: IncomingHttpHeaders, byPrefix: NamespaceEntry | null): NamespaceEntry | null {
  if (host) {
    const exact = index.byDomain.get(host);
    if (exact) return exact;
    const wildcard = index.byWildcardDomain.find(([suffix]) => host.endsWith(suffix) && host.length > suffix.length);
    if (wildcard) return wildcard[1];
  }
  for (const [name, value, entry] of index.byHeader) if (headers[name] === value) return entry;
  return byPrefix;
}

/** The path prefix that selects a namespace, if the path starts with one (`/acme/v1/...` -> `/acme`). */
export function namespaceByPathPrefix(index: NamespaceIndex, path: string): readonly [string, NamespaceEntry] | undefined {
  return index.byPathPrefix.find(([prefix]) => path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === '/'));
}

/**
 * Precedence: the key's namespace, then what the request selects (a domain of /api/admin/domains
 * naming a namespace > a namespace's domain matcher > header > path prefix), else none (global).
 * A key of one namespace cannot be used through another namespace's domain or matchers.
 */
export function resolveNamespace(
  snapshot: RoutingSnapshot,
  key: KeyEntry,
  request: { headers: IncomingHttpHeaders; byPrefix: NamespaceEntry | null },
): NamespaceEntry | null {
  const byDomain = snapshot.edge.domainFor(hostOf(request.headers))?.namespace;
  const selected = byDomain ?? (snapshot.namespaceIndex.byDomain.size || snapshot.namespaceIndex.byWildcardDomain.length || snapshot.namespaceIndex.byHeader.length || request.byPrefix
    ? selectedNamespace(snapshot.namespaceIndex, hostOf(request.headers), request.headers, request.byPrefix)
    : null);
  if (key.namespaceId === null) return selected;
  if (selected && selected.id !== key.namespaceId) {
    throw new GatewayError('namespace_mismatch', `This API key belongs to another namespace than "${selected.name}", which this request addresses`);
  }
  return snapshot.namespaces.get(key.namespaceId) ?? null;
}
