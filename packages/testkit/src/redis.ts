import { Redis } from 'ioredis';
import { TEST_REDIS_URL, uniqueName } from './test-env.js';

export interface TestRedisPrefix {
  prefix: string;
  /** Deletes every key under the prefix. */
  clear(): Promise<void>;
}

/** A key prefix of its own on the shared Redis, removed afterwards. */
export function createTestRedisPrefix(): TestRedisPrefix {
  const prefix = `${uniqueName('aigw-test')}:`;
  return {
    prefix,
    async clear() {
      const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          cursor = next;
          if (keys.length) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}
