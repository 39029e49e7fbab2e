import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { randomToken } from '../crypto/tokens.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { UsersService } from './users.service.js';

export const GENERATED_ADMIN_EMAIL = 'admin@localhost';

/**
 * The first admin: from ADMIN_EMAIL / ADMIN_PASSWORD when set (created if that email is new), or,
 * on a first start without them, generated and printed once to stdout.
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const configured = this.config.admin;
    if (configured) {
      if (!(await this.users.findByEmail(configured.email)) && (await this.createUnlessTaken(configured.email, configured.password))) {
        this.log.info({ email: configured.email }, 'admin user created from ADMIN_EMAIL');
      }
      return;
    }
    if ((await this.users.count()) > 0) return;
    const password = randomToken(18);
    if (!(await this.createUnlessTaken(GENERATED_ADMIN_EMAIL, password))) return;
    process.stdout.write(
      `\n  First start: an admin account was generated. It is shown only this once.\n` +
        `    email:    ${GENERATED_ADMIN_EMAIL}\n    password: ${password}\n` +
        `  Set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own.\n\n`,
    );
  }

  /** Replicas starting together race to create the same admin: the loser simply finds it done. */
  private async createUnlessTaken(email: string, password: string): Promise<boolean> {
    try {
      await this.users.create({ email, password, role: 'admin' });
      return true;
    } catch (err) {
      if (err instanceof GatewayError && err.code === 'conflict') return false;
      throw err;
    }
  }
}
