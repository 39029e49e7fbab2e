import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { sha256Hex } from '../crypto/tokens.js';
import type { KeyEntry, RoutingSnapshot } from '../snapshot/routing-snapshot.js';

function presentedSecret(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (auth && /^bearer\s/i.test(auth)) return auth.slice(7).trim() || undefined;
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey ? apiKey.trim() : undefined;
}

/**
 * SHA-256 of recently seen secrets of existing keys, so a busy key is not hashed on every request.
 * Only secrets that matched a key are kept: random guesses cannot fill it.
 */
export class KeyHashCache {
  private readonly hashes = new Map<string, string>();

  constructor(private readonly max = 10_000) {}

  hash(secret: string): string {
    return this.hashes.get(secret) ?? sha256Hex(secret);
  }

  remember(secret: string, hash: string): void {
    if (this.hashes.size >= this.max) this.hashes.clear();
    this.hashes.set(secret, hash);
  }
}

/** `Authorization: Bearer sk-...` or `x-api-key: sk-...` -> the key, from the snapshot (no I/O). */
export function authenticateApiKey(headers: IncomingHttpHeaders, snapshot: RoutingSnapshot, now: number, cache?: KeyHashCache): KeyEntry {
  const secret = presentedSecret(headers);
  if (!secret) {
    throw new GatewayError('missing_api_key', 'No API key provided: send Authorization: Bearer sk-... or x-api-key: sk-...');
  }
  const hash = cache ? cache.hash(secret) : sha256Hex(secret);
  const key = snapshot.keyByHash(hash);
  if (!key) throw new GatewayError('invalid_api_key', 'Incorrect API key provided');
  cache?.remember(secret, hash);
  if (key.revoked) throw new GatewayError('api_key_revoked', 'This API key has been revoked');
  if (key.expiresAt !== null && key.expiresAt <= now) throw new GatewayError('api_key_expired', 'This API key has expired');
  return key;
}
