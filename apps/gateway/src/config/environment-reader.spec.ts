import { describe, expect, it } from 'vitest';
import { EnvironmentReader } from './environment-reader.js';

describe('EnvironmentReader', () => {
  it("reads variables, but never the gateway's own settings", () => {
    const env = new EnvironmentReader({ OPENAI_API_KEY: 'sk-1', MASTER_KEY: 'm'.repeat(40), JWT_SECRET: 'j'.repeat(40), DATABASE_URL: 'postgres://x' });
    expect(env.get('OPENAI_API_KEY')).toBe('sk-1');
    expect(env.get('UNSET')).toBeUndefined();
    for (const own of ['MASTER_KEY', 'JWT_SECRET', 'DATABASE_URL', 'ADMIN_PASSWORD']) {
      expect(env.isReadable(own)).toBe(false);
      expect(env.get(own)).toBeUndefined();
    }
  });
});
