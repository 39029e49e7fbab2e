import type { ApiKey } from '@aigw/shared/admin/keys';

export type KeyStatus = 'active' | 'revoked' | 'expired';

export function keyStatus(key: Pick<ApiKey, 'revoked' | 'expires_at'>, now: Date = new Date()): KeyStatus {
  if (key.revoked) return 'revoked';
  if (key.expires_at && new Date(key.expires_at).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The key's model globs for display; an empty list means every model. */
export function describeModels(models: readonly string[]): string {
  return models.length === 0 ? 'All models' : models.join(', ');
}
