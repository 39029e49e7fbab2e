import { describe, expect, it } from 'vitest';
import { ModelMatcher, compileGlob } from './model-glob.js';

describe('model globs', () => {
  it('matches * and ? and nothing else as wildcards', () => {
    expect(compileGlob('gpt-4*').test('gpt-4o-mini')).toBe(true);
    expect(compileGlob('gpt-4*').test('gpt-3.5')).toBe(false);
    expect(compileGlob('qwen?-8b').test('qwen3-8b')).toBe(true);
    expect(compileGlob('qwen?-8b').test('qwen-8b')).toBe(false);
    // dots and brackets are literal
    expect(compileGlob('llama-3.1').test('llama-3x1')).toBe(false);
    expect(compileGlob('a[1]').test('a[1]')).toBe(true);
  });

  it('treats an empty list as every model and otherwise needs a match', () => {
    expect(new ModelMatcher([]).matches('anything')).toBe(true);
    const m = new ModelMatcher(['gpt-4o', 'claude-*']);
    expect(m.matches('gpt-4o')).toBe(true);
    expect(m.matches('claude-3-haiku')).toBe(true);
    expect(m.matches('gpt-4o-mini')).toBe(false);
  });
});
