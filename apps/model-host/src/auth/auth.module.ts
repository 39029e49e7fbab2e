import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { HOST_CONFIG } from '../config/config.module.js';
import type { HostConfig } from '../config/config.schema.js';
import { StorageRepository } from '../system/storage.repository.js';
import { resolveHostToken } from './host-token.js';

/** The bearer token every caller but /health must send. */
export const HOST_TOKEN = Symbol('HOST_TOKEN');

@Global()
@Module({
  providers: [
    {
      provide: HOST_TOKEN,
      inject: [HOST_CONFIG, StorageRepository, LOGGER],
      useFactory: async (config: HostConfig, storage: StorageRepository, logger: Logger): Promise<string> => {
        const { token, source, file } = await resolveHostToken(config, storage);
        if (source === 'generated') {
          logger.warn({ file }, 'MODEL_HOST_TOKEN is not set: generated a host token into this file (mode 0600); give it to the gateway when registering this host');
        } else if (source === 'file') {
          logger.info({ file }, 'MODEL_HOST_TOKEN is not set: using the host token from this file');
        }
        return token;
      },
    },
  ],
  exports: [HOST_TOKEN],
})
export class AuthModule {}
