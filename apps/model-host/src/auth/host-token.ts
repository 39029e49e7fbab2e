import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HostConfig } from '../config/config.schema.js';
import type { StorageRepository } from '../system/storage.repository.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time comparison: both sides are hashed to one length, so neither length nor content leaks. */
export function tokensMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** `Authorization: Bearer <token>` -> the token, or undefined when the header is missing or of another scheme. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

export interface ResolvedToken {
  token: string;
  source: 'env' | 'file' | 'generated';
  file: string;
}

/**
 * MODEL_HOST_TOKEN from the environment, or else from DATA_DIR/model-host-token, generated there
 * (mode 0600) on first start. The caller logs where it came from, never the token.
 */
export async function resolveHostToken(config: Pick<HostConfig, 'token' | 'tokenFile'>, storage: StorageRepository): Promise<ResolvedToken> {
  const file = config.tokenFile;
  if (config.token) return { token: config.token, source: 'env', file };
  const stored = (await storage.readText(file))?.trim();
  if (stored !== undefined) {
    if (!/^\S{16,}$/.test(stored)) throw new Error(`${file} does not hold a token (at least 16 characters, no spaces); delete it to generate a new one`);
    return { token: stored, source: 'file', file };
  }
  const token = randomBytes(32).toString('base64url');
  await storage.writeAtomic(file, `${token}\n`, 0o600);
  return { token, source: 'generated', file };
}
