import { HostTable } from '../domains/host-names.js';

export interface SniCertificate {
  id: string;
  sans: readonly string[];
  /** Epoch ms. */
  notAfter: number;
  isDefault: boolean;
}

export interface SniDomain {
  hostname: string;
  certificateId: string | null;
  enabled: boolean;
}

export interface SniChoice {
  /** Server name -> certificate id. */
  names: HostTable<string>;
  defaultId: string | null;
}

/**
 * Which certificate each server name gets: an enabled domain naming a certificate first, then the
 * certificates' own names (among several covering one name, the one expiring last: a renewal can be
 * uploaded beside the old certificate). Exact names before wildcards at lookup; then the default.
 */
export function chooseCertificates(certificates: readonly SniCertificate[], domains: readonly SniDomain[]): SniChoice {
  const ids = new Set(certificates.map((c) => c.id));
  const names = new HostTable<string>();
  for (const d of domains) if (d.enabled && d.certificateId && ids.has(d.certificateId)) names.add(d.hostname, d.certificateId);
  for (const cert of [...certificates].sort((a, b) => b.notAfter - a.notAfter)) for (const san of cert.sans) names.add(san, cert.id);
  return { names, defaultId: certificates.find((c) => c.isDefault)?.id ?? null };
}

/** The certificate for a TLS client's server name (absent: no SNI sent). */
export function certificateFor(choice: SniChoice, serverName: string | undefined): string | null {
  return (serverName ? choice.names.lookup(serverName.toLowerCase()) : undefined) ?? choice.defaultId;
}
