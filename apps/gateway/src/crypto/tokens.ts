import { createHash, randomBytes } from 'node:crypto';

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const API_KEY_PREFIX_LENGTH = 11;

/** `sk-` + 43 base64url characters (256 bits). Only its SHA-256 and its first characters are stored. */
export function newApiKey(): { key: string; hash: string; prefix: string } {
  const key = `sk-${randomToken(32)}`;
  return { key, hash: sha256Hex(key), prefix: key.slice(0, API_KEY_PREFIX_LENGTH) };
}
