import { describe, expect, it } from 'vitest';
import { describeEnvProblem, resolveEnvRefs } from './env-refs.js';

const env = (vars: Record<string, string>, forbidden: string[] = []) => ({ get: (n: string) => vars[n], isReadable: (n: string) => !forbidden.includes(n) });

describe('resolveEnvRefs', () => {
  it('replaces string values that are exactly ENV:NAME, anywhere, leaving keys and other values alone', () => {
    const input = {
      sources: [{ name: 'ENV-not-a-ref', instances: [{ url: 'http://x/v1', api_key: 'ENV:OPENAI_API_KEY', headers: { 'ENV:KEY': 'ENV:TEAM', Other: 'prefix ENV:TEAM' } }] }],
      n: 3,
      b: true,
      z: null,
    };
    const { value, problems } = resolveEnvRefs(input, env({ OPENAI_API_KEY: 'sk-secret', TEAM: 'ml' }));
    expect(problems).toEqual([]);
    expect(value).toEqual({
      sources: [{ name: 'ENV-not-a-ref', instances: [{ url: 'http://x/v1', api_key: 'sk-secret', headers: { 'ENV:KEY': 'ml', Other: 'prefix ENV:TEAM' } }] }],
      n: 3,
      b: true,
      z: null,
    });
    expect(input.sources[0]!.instances[0]!.api_key).toBe('ENV:OPENAI_API_KEY');
  });

  it('resolves an empty variable to the empty string (set is set)', () => {
    expect(resolveEnvRefs({ k: 'ENV:EMPTY' }, env({ EMPTY: '' })).value).toEqual({ k: '' });
  });

  it('reports every unset, forbidden or malformed reference with its path, never a value', () => {
    const { problems } = resolveEnvRefs({ a: ['ENV:MISSING', 'ENV:JWT_SECRET', 'ENV:bad-name'] }, env({ JWT_SECRET: 'x'.repeat(40) }, ['JWT_SECRET']));
    expect(problems).toEqual([
      { path: 'a.0', name: 'MISSING', reason: 'unset' },
      { path: 'a.1', name: 'JWT_SECRET', reason: 'forbidden' },
      { path: 'a.2', name: 'bad-name', reason: 'invalid_name' },
    ]);
    const text = problems.map((p) => describeEnvProblem(p, "the gateway's environment")).join('\n');
    expect(text).toBe(
      [
        "a.0: environment variable MISSING is not set in the gateway's environment",
        "a.1: JWT_SECRET is one of the gateway's own settings and cannot be referenced",
        'a.2: "ENV:bad-name" is not a valid reference (ENV: followed by a variable name)',
      ].join('\n'),
    );
    expect(text).not.toContain('xxxx');
  });
});
