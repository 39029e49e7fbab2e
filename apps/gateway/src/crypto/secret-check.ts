import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RUNTIME_SECRETS } from '../config/config.module.js';
import type { RuntimeSecrets } from '../config/secrets.js';
import { SecretBox } from './secret-box.js';

const CANARY = 'aigw-secret-check';

export class SecretMismatchError extends Error {
  override name = 'SecretMismatchError';
}

/**
 * Replicas of one deployment must share MASTER_KEY and JWT_SECRET. The first start stores a check
 * of each in the database; a later start with different values refuses to run instead of failing
 * to decrypt upstream keys or to accept other replicas' tokens.
 */
@Injectable()
export class SecretCheck implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly box: SecretBox,
    @Inject(RUNTIME_SECRETS) private readonly secrets: RuntimeSecrets,
  ) {}

  async onModuleInit(): Promise<void> {
    const masterKey = await this.stored('master_key_check', () => this.box.seal(CANARY, 'secret-check'));
    let masterOk = false;
    try {
      masterOk = this.box.open(masterKey, 'secret-check') === CANARY;
    } catch {
      masterOk = false;
    }
    if (!masterOk) {
      throw new SecretMismatchError('MASTER_KEY differs from the one this database was first used with; every replica must use the same MASTER_KEY');
    }
    const jwtCheck = createHmac('sha256', this.secrets.jwtSecret).update(CANARY).digest();
    const storedJwt = Buffer.from(await this.stored('jwt_secret_check', () => jwtCheck.toString('hex')), 'hex');
    if (storedJwt.length !== jwtCheck.length || !timingSafeEqual(storedJwt, jwtCheck)) {
      throw new SecretMismatchError('JWT_SECRET differs from the one this database was first used with; every replica must use the same JWT_SECRET');
    }
  }

  /** The stored value, or `make()` stored now (the first replica to write wins). */
  private async stored(key: string, make: () => string): Promise<string> {
    await this.db.query('INSERT INTO system_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, make()]);
    const rows: Array<{ value: string }> = await this.db.query('SELECT value FROM system_settings WHERE key = $1', [key]);
    return rows[0]!.value;
  }
}
