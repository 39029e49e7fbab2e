import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from './redact.js';

describe('redact', () => {
  it('hides secrets by name, at any depth, keeping everything else', () => {
    expect(
      redact({
        id: 'k1',
        name: 'ci',
        key: 'sk-abc',
        prefix: 'sk-abc',
        instances: [{ url: 'http://u', api_key: 'upstream-secret', has_api_key: true, weight: 1 }],
        nested: { password: 'p', refresh_token: 'r', access_token: 'a', private_key: 'pem', hf_token: 'h', client_secret: 'c', aws_secret_access_key: 's' },
        limits: { tokens_per_day: 5, max_output_tokens: 10 },
        token_type: 'Bearer',
        key_id: 'not-a-secret',
      }),
    ).toEqual({
      id: 'k1',
      name: 'ci',
      key: REDACTED,
      prefix: 'sk-abc',
      instances: [{ url: 'http://u', api_key: REDACTED, has_api_key: true, weight: 1 }],
      nested: { password: REDACTED, refresh_token: REDACTED, access_token: REDACTED, private_key: REDACTED, hf_token: REDACTED, client_secret: REDACTED, aws_secret_access_key: REDACTED },
      limits: { tokens_per_day: 5, max_output_tokens: 10 },
      token_type: 'Bearer',
      key_id: 'not-a-secret',
    });
  });

  it('hides header values named like credentials, keeps the others', () => {
    expect(
      redact({ headers: { Authorization: 'Bearer x', 'X-Api-Key': 'k', 'x-auth-token': 't', cookie: 'c', 'X-Custom-Secret': 's', 'x-region': 'eu', 'OpenAI-Organization': 'org' } }),
    ).toEqual({
      headers: { Authorization: REDACTED, 'X-Api-Key': REDACTED, 'x-auth-token': REDACTED, cookie: REDACTED, 'X-Custom-Secret': REDACTED, 'x-region': 'eu', 'OpenAI-Organization': 'org' },
    });
  });

  it('hides values shaped like credentials whatever their name', () => {
    expect(
      redact({
        note: 'sk-AbCdEfGhIjKlMnOpQrStUvWxYz012345',
        auth: 'Bearer abc.def',
        jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
        pem: '-----BEGIN PRIVATE KEY-----\nMII...',
        ok: 'sk-short',
      }),
    ).toEqual({ note: REDACTED, auth: REDACTED, jwt: REDACTED, pem: REDACTED, ok: 'sk-short' });
  });

  it('keeps nulls and booleans of secret fields (they tell whether, not what)', () => {
    expect(redact({ api_key: null, password: false })).toEqual({ api_key: null, password: false });
  });

  it('passes plain values through and does not touch its input', () => {
    const input = { a: [1, 'x', null], key: 'secret' };
    expect(redact(null)).toBeNull();
    expect(redact(undefined)).toBeNull();
    expect(redact(5)).toBe(5);
    expect(redact(input)).toEqual({ a: [1, 'x', null], key: REDACTED });
    expect(input.key).toBe('secret');
  });
});
