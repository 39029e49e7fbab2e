import { createSecureContext, type SecureContext } from 'node:tls';
import { certificateKeyContext, type CertificateEntity } from '../certificates/certificate.entity.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { TLS_PROTOCOL_OPTIONS } from './tls-options.js';

/** What serving one certificate takes: its TLS context (the decrypted key lives only inside it). */
export interface TlsMaterial {
  context: SecureContext;
}

/**
 * Builds each certificate's SecureContext (decrypting its key) once per version of the certificate,
 * not on every snapshot rebuild and never per connection. Versions no longer stored are forgotten.
 */
export class SecureContextCache {
  private entries = new Map<string, TlsMaterial>();
  private seen = new Map<string, TlsMaterial>();

  constructor(private readonly secrets: SecretBox) {}

  /** Throws when the key cannot be decrypted (another MASTER_KEY) or the TLS stack refuses the pair. */
  materialFor(cert: CertificateEntity): TlsMaterial {
    const version = `${cert.id}/${cert.fingerprintSha256}/${cert.updatedAt.getTime()}`;
    let material = this.entries.get(version);
    if (!material) {
      const key = this.secrets.open(cert.privateKeyEnc, certificateKeyContext(cert.id));
      material = { context: createSecureContext({ ...TLS_PROTOCOL_OPTIONS, cert: cert.certificatePem, key }) };
    }
    this.seen.set(version, material);
    return material;
  }

  /** Ends one build: what it did not ask for is dropped. */
  sweep(): void {
    this.entries = this.seen;
    this.seen = new Map();
  }
}
