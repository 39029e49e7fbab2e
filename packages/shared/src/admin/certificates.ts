import { z } from 'zod';
import type { IsoTime } from './common.js';

/** 256 KiB: far above any real chain; keeps a paste of something else from filling the database. */
const MAX_PEM_CHARS = 256 * 1024;
const pem = z.string().min(1).max(MAX_PEM_CHARS);

/**
 * `POST /api/admin/certificates` (JSON, or multipart/form-data with the same field names as text
 * fields or files). The gateway checks before saving: the PEM parses, `private_key` matches the leaf,
 * the chain is in order (leaf first, each certificate issued by the next), every date is valid now.
 * Each failure is a 400 with its own code: `invalid_certificate`, `invalid_private_key`,
 * `certificate_key_mismatch`, `certificate_chain_order`, `certificate_expired`, `certificate_not_yet_valid`.
 * The private key is stored encrypted and never returned.
 */
export const createCertificateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** PEM chain, leaf first, then each intermediate. */
  certificate: pem,
  /** PEM private key of the leaf (unencrypted PKCS#8, PKCS#1 or SEC1). */
  private_key: pem,
  /** The certificate served when no other matches the TLS client's server name (one at most). */
  default: z.boolean().optional(),
});
export type CreateCertificateRequest = z.input<typeof createCertificateSchema>;
export type CreateCertificateParsed = z.output<typeof createCertificateSchema>;

/**
 * `PATCH /api/admin/certificates/:id`: replaces any of the fields; new connections get the new
 * certificate on every replica within a second, open ones keep theirs. A new `certificate` alone is
 * checked against the stored key (renewal with the same key); `private_key` needs `certificate` too.
 * `PUT` takes the whole create body.
 */
export const updateCertificateSchema = createCertificateSchema.partial();
export type UpdateCertificateRequest = z.input<typeof updateCertificateSchema>;
export type UpdateCertificateParsed = z.output<typeof updateCertificateSchema>;

/** A stored certificate as the admin API shows it: never its private key. */
export interface Certificate {
  id: string;
  name: string;
  /** Of the leaf, OpenSSL's one-line form (`CN=a.test`). */
  subject: string;
  issuer: string;
  /** DNS names of the leaf (`*.example.com` included); the SNI choice uses them. */
  sans: string[];
  /** SHA-256 of the leaf's DER, colon-separated upper-case hex (what browsers show). */
  fingerprint_sha256: string;
  not_before: IsoTime;
  not_after: IsoTime;
  /** Whole days until `not_after`, negative once expired. The dashboard flags <= 30. */
  days_left: number;
  default: boolean;
  /** Certificates in the chain, leaf included. */
  chain_length: number;
  /** Domains that name this certificate (it cannot be deleted while any does). */
  domain_ids: string[];
  created_at: IsoTime;
  updated_at: IsoTime;
}

/** Within this many days of expiry a certificate is flagged (dashboard badge). */
export const CERTIFICATE_EXPIRY_WARNING_DAYS = 30;
