import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, IsNull, LessThan } from 'typeorm';
import type { TokenPair } from '@aigw/shared/admin/auth';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../crypto/password.js';
import { randomToken, sha256Hex } from '../crypto/tokens.js';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value-store.js';
import { UsersService } from '../users/users.service.js';
import { AccessTokens } from './access-tokens.js';
import { invalidCredentials, invalidRefreshToken, tooManyLoginAttempts } from './auth.errors.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';

const MAX_FAILED_LOGINS = 10;
const FAILED_LOGIN_WINDOW_MS = 15 * 60_000;
const PRUNE_EVERY_MS = 3600_000;

@Injectable()
export class AuthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private pruner: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly accessTokens: AccessTokens,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  private get tokens() {
    return this.db.getRepository(RefreshTokenEntity);
  }

  onApplicationBootstrap(): void {
    this.pruner = setInterval(() => void this.pruneExpired(), PRUNE_EVERY_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.pruner);
  }

  /** Wrong password and unknown email fail the same way, in the same time. */
  async login(email: string, password: string): Promise<TokenPair> {
    const failuresKey = `login-failures:${email.toLowerCase()}`;
    const failures = await this.store.count(failuresKey).catch(() => 0);
    if (failures >= MAX_FAILED_LOGINS) throw tooManyLoginAttempts(Math.ceil(FAILED_LOGIN_WINDOW_MS / 1000));
    const user = await this.users.findByEmail(email);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok) {
      await this.store.increment(failuresKey, FAILED_LOGIN_WINDOW_MS).catch(() => 0);
      throw invalidCredentials();
    }
    await this.store.delete(failuresKey).catch(() => undefined);
    return this.issue(user.id, user.role, randomUUID());
  }

  /** Rotates: the presented token is spent. Presenting a spent token again revokes its whole family. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const hash = sha256Hex(refreshToken);
    const spent: RefreshTokenEntity[] = await this.tokens
      .createQueryBuilder()
      .update()
      .set({ usedAt: () => 'now()' })
      .where('token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()', { hash })
      .returning('*')
      .execute()
      .then((r) => r.raw as RefreshTokenEntity[]);
    const row = spent[0] as unknown as Record<string, string> | undefined;
    if (!row) {
      const known = await this.tokens.findOneBy({ tokenHash: hash });
      if (known) {
        await this.revokeFamily(known.familyId);
        if (known.usedAt) this.log.warn({ family_id: known.familyId, user_id: known.userId }, 'refresh token reused; token family revoked');
      }
      throw invalidRefreshToken();
    }
    const user = await this.users.findById(row.user_id!);
    if (!user) throw invalidRefreshToken();
    return this.issue(user.id, user.role, row.family_id!);
  }

  async logout(refreshToken: string): Promise<void> {
    const known = await this.tokens.findOneBy({ tokenHash: sha256Hex(refreshToken) });
    if (known) await this.revokeFamily(known.familyId);
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async issue(userId: string, role: 'admin' | 'viewer', familyId: string): Promise<TokenPair> {
    const refreshToken = randomToken(32);
    await this.tokens.insert({
      id: randomUUID(),
      userId,
      familyId,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlS * 1000),
      usedAt: null,
      revokedAt: null,
    });
    return {
      access_token: await this.accessTokens.sign({ userId, role }),
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: this.accessTokens.ttlSeconds,
    };
  }

  private async pruneExpired(): Promise<void> {
    try {
      await this.tokens.delete({ expiresAt: LessThan(new Date(Date.now() - 86_400_000)) });
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'could not prune expired refresh tokens');
    }
  }
}
