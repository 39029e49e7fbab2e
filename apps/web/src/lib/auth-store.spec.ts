import { describe, expect, it, vi } from 'vitest';
import { createAuthStore, REFRESH_TOKEN_KEY, type KeyValueStorage } from './auth-store';

const mapStorage = (): KeyValueStorage & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
};
const pair = { access_token: 'a1', refresh_token: 'r1', token_type: 'Bearer' as const, expires_in: 900 };

describe('auth store', () => {
  it('keeps the access token in memory only and the refresh token in storage', () => {
    const storage = mapStorage();
    const store = createAuthStore(storage);
    expect(store.isSignedIn()).toBe(false);
    store.setTokens(pair);
    expect(store.accessToken()).toBe('a1');
    expect([...storage.map]).toEqual([[REFRESH_TOKEN_KEY, 'r1']]);
    // A reload: a new store over the same storage is signed in but has to fetch an access token.
    const reloaded = createAuthStore(storage);
    expect(reloaded.isSignedIn()).toBe(true);
    expect(reloaded.accessToken()).toBeNull();
    expect(reloaded.refreshToken()).toBe('r1');
  });

  it('tells listeners about sign-in and sign-out, not about each token rotation', () => {
    const store = createAuthStore(mapStorage());
    const listener = vi.fn();
    store.subscribe(listener);
    store.setTokens(pair);
    store.setTokens({ ...pair, access_token: 'a2', refresh_token: 'r2' });
    expect(listener).toHaveBeenCalledTimes(1);
    store.clear();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.isSignedIn()).toBe(false);
    expect(store.accessToken()).toBeNull();
    store.clear();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('follows another tab signing out', () => {
    const storage = mapStorage();
    const store = createAuthStore(storage);
    store.setTokens(pair);
    const listener = vi.fn();
    store.subscribe(listener);
    storage.map.delete(REFRESH_TOKEN_KEY);
    store.storageChanged(null);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.isSignedIn()).toBe(false);
    expect(store.accessToken()).toBeNull();
  });

  it('still works, for the life of the page, without storage', () => {
    const store = createAuthStore(null);
    store.setTokens(pair);
    expect(store.isSignedIn()).toBe(true);
    expect(store.refreshToken()).toBe('r1');
    store.clear();
    expect(store.isSignedIn()).toBe(false);
  });
});
