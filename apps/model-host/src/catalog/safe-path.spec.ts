import { describe, expect, it } from 'vitest';
import { isSafeRelativePath } from './safe-path.js';

describe('isSafeRelativePath', () => {
  it.each(['config.json', 'sub/dir/model.safetensors', 'a..b', '.hidden', 'x/.y'])('accepts %s', (p) => {
    expect(isSafeRelativePath(p)).toBe(true);
  });

  it.each(['', '../x', 'a/../../x', 'a/..', '..', '/etc/passwd', 'a//b', './a', 'a/./b', 'a\\..\\b', 'C:/x', 'c:x', 'a\u0000b', 'a\nb', 'a/', 'x'.repeat(1025)])(
    'refuses %j',
    (p) => {
      expect(isSafeRelativePath(p)).toBe(false);
    },
  );
});
