import type { SecureContext } from 'node:tls';
import type { CertificateEntity } from '../certificates/certificate.entity.js';
import { ipMatcher } from '../policies/cidr.js';
import type { NamespaceEntry } from '../snapshot/routing-snapshot.js';
import type { TlsMaterial } from '../tls/secure-contexts.js';
import { certificateFor, chooseCertificates, type SniChoice } from '../tls/sni-choice.js';
import type { DomainEntity } from './domain.entity.js';
import { HostTable } from './host-names.js';

/** An enabled domain as the edge rules and the namespace resolver read it. */
export interface DomainEntry {
  id: string;
  hostname: string;
  namespace: NamespaceEntry | null;
  redirectHttps: boolean;
  hsts: boolean;
  /** null: no per-domain CORS. */
  cors: { any: boolean; origins: ReadonlySet<string> } | null;
  /** null: any client address. */
  allowedIps: ((ip: string) => boolean) | null;
}

/** A stored certificate as seen by this replica (for the expiry metric and health). */
export interface CertificateSummary {
  id: string;
  name: string;
  notAfter: Date;
}

/** The TLS side: a context per server name, built once per certificate change. */
export class TlsContexts {
  constructor(
    private readonly choice: SniChoice,
    private readonly material: ReadonlyMap<string, TlsMaterial>,
  ) {}

  /** Certificates that can be served; 0 keeps the HTTPS listener off. */
  get size(): number {
    return this.material.size;
  }

  /** The context for a TLS client's server name; absent (no SNI, e.g. by IP address): the default certificate's. */
  contextFor(serverName: string | undefined): SecureContext | undefined {
    const id = certificateFor(this.choice, serverName);
    return id === null ? undefined : this.material.get(id)?.context;
  }
}

/** Domains and certificates: immutable, part of the routing snapshot. */
export class Edge {
  constructor(
    readonly domains: HostTable<DomainEntry>,
    readonly tls: TlsContexts,
    readonly certificates: readonly CertificateSummary[],
  ) {}

  static empty(): Edge {
    return new Edge(new HostTable(), new TlsContexts({ names: new HostTable(), defaultId: null }, new Map()), []);
  }

  domainFor(host: string | undefined): DomainEntry | undefined {
    return host === undefined || this.domains.size === 0 ? undefined : this.domains.lookup(host);
  }
}

export interface EdgeOptions {
  material: (cert: CertificateEntity) => TlsMaterial;
  /** Told about a certificate left out (its key cannot be decrypted): the rest is still served. */
  onSkippedCertificate?: (certificateId: string, reason: string) => void;
}

function toDomainEntry(d: DomainEntity, namespaces: ReadonlyMap<string, NamespaceEntry>): DomainEntry {
  return {
    id: d.id,
    hostname: d.hostname,
    namespace: d.namespaceId ? (namespaces.get(d.namespaceId) ?? null) : null,
    redirectHttps: d.redirectHttps,
    hsts: d.hsts,
    cors: d.corsOrigins.length ? { any: d.corsOrigins.includes('*'), origins: new Set(d.corsOrigins) } : null,
    allowedIps: d.allowedIps.length ? ipMatcher(d.allowedIps) : null,
  };
}

/** Rows -> the edge state: enabled domains by host name, certificates by server name. */
export function buildEdge(domains: readonly DomainEntity[], certificates: readonly CertificateEntity[], namespaces: ReadonlyMap<string, NamespaceEntry>, options: EdgeOptions): Edge {
  const table = new HostTable<DomainEntry>();
  for (const d of domains) if (d.enabled) table.add(d.hostname, toDomainEntry(d, namespaces));

  const material = new Map<string, TlsMaterial>();
  for (const cert of certificates) {
    try {
      material.set(cert.id, options.material(cert));
    } catch (err) {
      options.onSkippedCertificate?.(cert.id, (err as Error).message);
    }
  }
  const servable = certificates.filter((c) => material.has(c.id));
  const choice = chooseCertificates(
    servable.map((c) => ({ id: c.id, sans: c.sans, notAfter: c.notAfter.getTime(), isDefault: c.isDefault })),
    domains,
  );
  return new Edge(table, new TlsContexts(choice, material), certificates.map((c) => ({ id: c.id, name: c.name, notAfter: c.notAfter })));
}
