import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@aigw/server-kit/parse-env';
import { loadConfig } from './load-config.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('loadConfig', () => {
  it('gives embedded defaults when nothing is set, and treats empty values as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', REDIS_URL: '  ' });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', databaseUrl: undefined, redisUrl: undefined, bodyLimit: 32 * 1024 * 1024, corsOrigins: [] });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses sizes, lists and flags', () => {
    const config = loadConfig({ BODY_LIMIT: '512kb', CORS_ORIGINS: 'https://a.example, https://b.example', TRUST_PROXY: 'true' });
    expect(config.bodyLimit).toBe(512 * 1024);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.trustProxy).toBe(true);
  });

  it('names every bad variable and never its value', () => {
    const found = problems({ PORT: '99999', BODY_LIMIT: 'lots', REDIS_URL: 'http://x', MASTER_KEY: 'short-secret-value' });
    expect(found).toEqual([
      'PORT must be a whole number from 0 to 65535',
      'REDIS_URL must be a redis:// or rediss:// URL',
      'MASTER_KEY must be at least 32 characters',
      'BODY_LIMIT must be a size such as 32mb, 512kb or a number of bytes',
    ]);
    expect(found.join(' ')).not.toContain('short-secret-value');
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(problems({ ADMIN_PASSWORD: 'long-enough-password' })).toEqual(['ADMIN_EMAIL ADMIN_EMAIL and ADMIN_PASSWORD must be set together']);
    expect(loadConfig({ ADMIN_EMAIL: 'Root@Example.com', ADMIN_PASSWORD: 'long-enough' }).admin).toEqual({ email: 'root@example.com', password: 'long-enough' });
  });
});
