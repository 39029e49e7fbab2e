import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { GatewayError } from '@aigw/server-kit/gateway-error';

/** What the admin API shows of a certificate and what the TLS listener needs of it. */
export interface CertificateFacts {
  /** Certificate blocks only, re-encoded: whatever else the upload carried is dropped. */
  chainPem: string;
  chainLength: number;
  subject: string;
  issuer: string;
  sans: string[];
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
}

/** A certificate issued a moment ago by a CA whose clock runs ahead is accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

const fail = (code: ConstructorParameters<typeof GatewayError>[0], param: string, message: string) => new GatewayError(code, message, { param });

/** `CN=a.test\nO=Org` -> `CN=a.test, O=Org`. */
const oneLine = (name: string) => name.split('\n').filter(Boolean).join(', ');

/** DNS names of `subjectAltName` (`DNS:a.test, IP Address:1.2.3.4`), lower-cased. */
export function dnsNames(subjectAltName: string | undefined): string[] {
  if (!subjectAltName) return [];
  return subjectAltName
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4).toLowerCase());
}

function parseChain(pem: string): X509Certificate[] {
  const blocks = pem.match(CERT_BLOCK);
  if (!blocks) throw fail('invalid_certificate', 'certificate', 'certificate: no PEM certificate found (expected -----BEGIN CERTIFICATE----- blocks, leaf first)');
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (err) {
      throw fail('invalid_certificate', 'certificate', `certificate: block ${i + 1} of the chain does not parse (${(err as Error).message})`);
    }
  });
}

function parseKey(pem: string): KeyObject {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem)) {
    throw fail('invalid_private_key', 'private_key', 'private_key: encrypted private keys are not supported; upload it without a passphrase');
  }
  try {
    return createPrivateKey(pem);
  } catch {
    // never echo the key or OpenSSL's view of it
    throw fail('invalid_private_key', 'private_key', 'private_key: not a PEM private key (PKCS#8, PKCS#1 or SEC1)');
  }
}

function checkOrder(chain: X509Certificate[]): void {
  for (let i = 0; i + 1 < chain.length; i++) {
    const cert = chain[i]!;
    const issuer = chain[i + 1]!;
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
      throw fail(
        'certificate_chain_order',
        'certificate',
        `certificate: certificate ${i + 1} (${oneLine(cert.subject)}) is not issued by certificate ${i + 2} (${oneLine(issuer.subject)}); list the leaf first, then each issuer in turn`,
      );
    }
  }
}

function checkDates(chain: X509Certificate[], now: Date): void {
  chain.forEach((cert, i) => {
    const which = i === 0 ? 'the certificate' : `certificate ${i + 1} of the chain (${oneLine(cert.subject)})`;
    if (new Date(cert.validTo) < now) throw fail('certificate_expired', 'certificate', `certificate: ${which} expired on ${new Date(cert.validTo).toISOString()}`);
    if (new Date(cert.validFrom).getTime() > now.getTime() + CLOCK_SKEW_MS) throw fail('certificate_not_yet_valid', 'certificate', `certificate: ${which} is not valid before ${new Date(cert.validFrom).toISOString()}`);
  });
}

/**
 * Checks an uploaded chain and key, in the order an admin would fix them: the chain parses, the key
 * parses, the key is the leaf's, the chain is in order, every date is valid at `now`.
 * Throws a 400 GatewayError naming what failed (never quoting the key).
 */
export function validateCertificate(certificatePem: string, privateKeyPem: string, now: Date): CertificateFacts {
  const chain = parseChain(certificatePem);
  const key = parseKey(privateKeyPem);
  const leaf = chain[0]!;
  if (!leaf.checkPrivateKey(key)) {
    const position = chain.findIndex((c) => c.checkPrivateKey(key));
    if (position > 0) throw fail('certificate_chain_order', 'certificate', `certificate: the certificate of the private key is number ${position + 1} of the chain; list it first, then each issuer in turn`);
    throw fail('certificate_key_mismatch', 'private_key', 'private_key: does not match the public key of the certificate (the first one of the chain)');
  }
  checkOrder(chain);
  checkDates(chain, now);
  return {
    chainPem: chain.map((c) => c.toString()).join(''),
    chainLength: chain.length,
    subject: oneLine(leaf.subject),
    issuer: oneLine(leaf.issuer),
    sans: dnsNames(leaf.subjectAltName),
    fingerprintSha256: leaf.fingerprint256,
    notBefore: new Date(leaf.validFrom),
    notAfter: new Date(leaf.validTo),
  };
}

/** Whole days from `now` to `notAfter`; negative once expired. */
export const daysLeft = (notAfter: Date, now: number): number => Math.floor((notAfter.getTime() - now) / 86_400_000);
