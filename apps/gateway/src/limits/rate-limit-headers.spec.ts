import { describe, expect, it } from 'vitest';
import { goDuration, rateLimitHeaders } from './rate-limit-headers.js';

describe('rate-limit headers', () => {
  it('writes durations the way OpenAI does', () => {
    expect(goDuration(0)).toBe('0s');
    expect(goDuration(999)).toBe('1s');
    expect(goDuration(360_000)).toBe('6m0s');
    expect(goDuration(3_723_000)).toBe('1h2m3s');
  });

  it('reports the tightest request and token counters and every counter in the IETF fields', () => {
    const headers = rateLimitHeaders([
      { name: 'rps', limit: 10, remaining: 9, resetMs: 1000 },
      { name: 'rpm', limit: 100, remaining: 5, resetMs: 42_000 },
      { name: 'itpm', limit: 1000, remaining: 400, resetMs: 60_000 },
      { name: 'tpd:2026-11-22', limit: 5000, remaining: 4000, resetMs: 3_600_000 },
    ]);
    expect(headers).toEqual({
      'x-ratelimit-limit-requests': '100',
      'x-ratelimit-remaining-requests': '5',
      'x-ratelimit-reset-requests': '42s',
      'x-ratelimit-limit-tokens': '1000',
      'x-ratelimit-remaining-tokens': '400',
      'x-ratelimit-reset-tokens': '1m0s',
      'ratelimit-policy': 'rps;q=10;w=1, rpm;q=100;w=60, itpm;q=1000;w=60, tpd;q=5000',
      ratelimit: 'rps;r=9;t=1, rpm;r=5;t=42, itpm;r=400;t=60, tpd;r=4000;t=3600',
    });
  });

  it('sends nothing when no counter applied', () => {
    expect(rateLimitHeaders([])).toEqual({});
  });
});
