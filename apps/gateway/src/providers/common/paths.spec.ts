import { describe, expect, it } from 'vitest';
import { joinPath, withQuery } from './paths.js';

describe('path joining', () => {
  it('joins a path with its own query and the instance URL query without a second "?"', () => {
    expect(joinPath('/v1', '/models', '')).toBe('/v1/models');
    expect(joinPath('/v1', '/models', '?tenant=a')).toBe('/v1/models?tenant=a');
    expect(joinPath('', '/openai/models?api-version=2024-10-21', '')).toBe('/openai/models?api-version=2024-10-21');
    expect(joinPath('', '/openai/models?api-version=2024-10-21', '?api-version=2025-01-01&x=1')).toBe('/openai/models?api-version=2025-01-01&x=1');
  });

  it('adds parameters to the instance query', () => {
    expect(withQuery('/chat', '?a=1', { b: '2' })).toBe('/chat?a=1&b=2');
    expect(withQuery('/chat', '')).toBe('/chat');
  });
});
