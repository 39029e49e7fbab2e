import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

const box = new SecretBox('m'.repeat(32));

describe('SecretBox', () => {
  it('round-trips a secret without ever storing it in clear', () => {
    const sealed = box.seal('sk-upstream-123', 'ctx');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('sk-upstream');
    expect(box.open(sealed, 'ctx')).toBe('sk-upstream-123');
    expect(box.seal('same', 'ctx')).not.toBe(box.seal('same', 'ctx'));
  });

  it('refuses another context, another master key and any tampering', () => {
    const sealed = box.seal('secret', 'instance:a');
    expect(() => box.open(sealed, 'instance:b')).toThrow();
    expect(() => new SecretBox('n'.repeat(32)).open(sealed, 'instance:a')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'), 'instance:a')).toThrow();
    expect(() => box.open('garbage', 'instance:a')).toThrow('not a sealed secret');
  });
});
