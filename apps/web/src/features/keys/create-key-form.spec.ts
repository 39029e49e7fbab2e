import { describe, expect, it } from 'vitest';
import { endOfLocalDay, fieldOfParam, parseModelList, toCreateKeyRequest } from './create-key-form';

const now = new Date(2026, 2, 10, 12, 0, 0);

describe('create key form', () => {
  it('sends only the name when nothing else is given', () => {
    expect(toCreateKeyRequest({ name: '  billing  ', models: ' ', expiresOn: '' }, now)).toEqual({ ok: true, body: { name: 'billing' } });
  });

  it('splits comma-separated globs and sets the expiry to the end of the chosen local day', () => {
    const result = toCreateKeyRequest({ name: 'ci', models: 'gpt-4o*, claude-* ,,gpt-4o*', expiresOn: '2026-03-11' }, now);
    expect(result).toEqual({ ok: true, body: { name: 'ci', models: ['gpt-4o*', 'claude-*'], expires_at: new Date(2026, 2, 11, 23, 59, 59, 999).toISOString() } });
  });

  it('requires a name', () => {
    expect(toCreateKeyRequest({ name: '   ', models: '', expiresOn: '' }, now)).toEqual({ ok: false, errors: { name: 'Name is required' } });
  });

  it('refuses an expiry in the past and a bad date, keeping today (which ends tonight)', () => {
    expect(toCreateKeyRequest({ name: 'a', models: '', expiresOn: '2026-03-09' }, now)).toEqual({ ok: false, errors: { expires_at: 'The expiry date must be in the future' } });
    expect(toCreateKeyRequest({ name: 'a', models: '', expiresOn: '2026-02-30' }, now)).toEqual({ ok: false, errors: { expires_at: 'Enter a valid date' } });
    expect(toCreateKeyRequest({ name: 'a', models: '', expiresOn: '2026-03-10' }, now).ok).toBe(true);
  });

  it('checks globs with the gateway schema and names the bad one', () => {
    const result = toCreateKeyRequest({ name: 'a', models: 'gpt-4o, llama 3', expiresOn: '' }, now);
    expect(result).toEqual({ ok: false, errors: { models: '"llama 3": must not contain spaces' } });
  });

  it('maps API error params to form fields', () => {
    expect(fieldOfParam('models.3')).toBe('models');
    expect(fieldOfParam('expires_at')).toBe('expires_at');
    expect(fieldOfParam('name')).toBe('name');
    expect(fieldOfParam('limits.requests_per_second')).toBeNull();
    expect(fieldOfParam(null)).toBeNull();
  });

  it('parses model lists and dates strictly', () => {
    expect(parseModelList('')).toEqual([]);
    expect(parseModelList('a,b , c')).toEqual(['a', 'b', 'c']);
    expect(endOfLocalDay('2026-13-01')).toBeNull();
    expect(endOfLocalDay('tomorrow')).toBeNull();
  });
});
