import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { KEY_VALUE_STORE, type KeyValueStore } from './key-value-store.js';
import { MemoryStore } from './memory-store.js';
import { RedisStore } from './redis-store.js';

@Global()
@Module({
  providers: [
    {
      provide: KEY_VALUE_STORE,
      inject: [APP_CONFIG, LOGGER],
      useFactory: async (config: AppConfig, log: Logger): Promise<KeyValueStore> => {
        if (!config.redisUrl) {
          log.info('store: in-process (REDIS_URL unset); limits and change events are local to this instance');
          return new MemoryStore();
        }
        const store = new RedisStore(config.redisUrl, config.redisPrefix);
        try {
          await store.connect();
          log.info({ prefix: config.redisPrefix }, 'store: redis (REDIS_URL)');
        } catch (err) {
          // Start anyway: /health reports the store as down until it answers.
          log.error({ err: (err as Error).message }, 'store: redis unreachable at start-up; retrying in the background');
        }
        return store;
      },
    },
  ],
  exports: [KEY_VALUE_STORE],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
