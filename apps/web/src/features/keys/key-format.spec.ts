import { describe, expect, it } from 'vitest';
import { describeModels, keyStatus } from './key-format';

describe('key status', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('is revoked before anything else, then expired, else active', () => {
    expect(keyStatus({ revoked: true, expires_at: '2020-01-01T00:00:00Z' }, now)).toBe('revoked');
    expect(keyStatus({ revoked: false, expires_at: '2026-03-10T12:00:00Z' }, now)).toBe('expired');
    expect(keyStatus({ revoked: false, expires_at: '2026-03-10T12:00:01Z' }, now)).toBe('active');
    expect(keyStatus({ revoked: false, expires_at: null }, now)).toBe('active');
  });

  it('describes an empty model list as every model', () => {
    expect(describeModels([])).toBe('All models');
    expect(describeModels(['gpt-4o*', 'claude-*'])).toBe('gpt-4o*, claude-*');
  });
});
