import { describe, expect, it } from 'vitest';
import type { StorageRepository } from '../system/storage.repository.js';
import { bearerToken, resolveHostToken, tokensMatch } from './host-token.js';

class FakeStorage {
  files = new Map<string, { content: string; mode: number }>();
  async readText(file: string) {
    return this.files.get(file)?.content;
  }
  async writeAtomic(file: string, content: string, mode = 0o644) {
    this.files.set(file, { content, mode });
  }
}
const storage = () => new FakeStorage();
const asRepo = (s: FakeStorage) => s as unknown as StorageRepository;

describe('host token', () => {
  it('compares tokens of any length', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abc', 'abd')).toBe(false);
    expect(tokensMatch('abc', 'abcd')).toBe(false);
    expect(tokensMatch('', 'abc')).toBe(false);
  });

  it('reads a bearer token from the Authorization header', () => {
    expect(bearerToken('Bearer tok-123')).toBe('tok-123');
    expect(bearerToken('bearer tok-123 ')).toBe('tok-123');
    expect(bearerToken('Basic dXNlcjpwdw==')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('prefers MODEL_HOST_TOKEN and writes nothing', async () => {
    const s = storage();
    const resolved = await resolveHostToken({ token: 'from-the-environment', tokenFile: '/d/model-host-token' }, asRepo(s));
    expect(resolved).toEqual({ token: 'from-the-environment', source: 'env', file: '/d/model-host-token' });
    expect(s.files.size).toBe(0);
  });

  it('generates a token into the file with mode 0600, then reuses it', async () => {
    const s = storage();
    const config = { token: undefined, tokenFile: '/d/model-host-token' };
    const first = await resolveHostToken(config, asRepo(s));
    expect(first.source).toBe('generated');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.files.get('/d/model-host-token')).toEqual({ content: `${first.token}\n`, mode: 0o600 });
    const second = await resolveHostToken(config, asRepo(s));
    expect(second).toEqual({ token: first.token, source: 'file', file: '/d/model-host-token' });
  });

  it('refuses a file that holds no usable token', async () => {
    const s = storage();
    s.files.set('/d/model-host-token', { content: '\n', mode: 0o600 });
    await expect(resolveHostToken({ token: undefined, tokenFile: '/d/model-host-token' }, asRepo(s))).rejects.toThrow(/does not hold a token/);
  });
});
