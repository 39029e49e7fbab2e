import type { TokenStore } from './api-client';

/** The part of `localStorage` the store uses; tests pass a Map-backed stand-in. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const REFRESH_TOKEN_KEY = 'aigw.refresh_token';

export interface AuthStore extends TokenStore {
  /** Signed in means: a refresh token is held (the access token may still need fetching). */
  isSignedIn(): boolean;
  subscribe(listener: () => void): () => void;
  /** Another tab changed the stored refresh token (signed in, refreshed or signed out). */
  storageChanged(newRefreshToken: string | null): void;
}

/**
 * The session: the short-lived access token only in memory, the refresh token in storage so a
 * reload (or another tab) keeps the session. Listeners hear every sign-in and sign-out.
 */
export function createAuthStore(storage: KeyValueStorage | null): AuthStore {
  let accessToken: string | null = null;
  let memoryRefreshToken: string | null = null;
  const listeners = new Set<() => void>();

  const read = (): string | null => {
    try {
      return storage ? storage.getItem(REFRESH_TOKEN_KEY) : memoryRefreshToken;
    } catch {
      return memoryRefreshToken;
    }
  };
  const write = (value: string | null) => {
    memoryRefreshToken = value;
    try {
      if (value === null) storage?.removeItem(REFRESH_TOKEN_KEY);
      else storage?.setItem(REFRESH_TOKEN_KEY, value);
    } catch {
      // storage full or disabled: the session lasts as long as the page
    }
  };
  const emit = () => {
    for (const listener of listeners) listener();
  };
  const clear = () => {
    const wasSignedIn = read() !== null || accessToken !== null;
    accessToken = null;
    write(null);
    if (wasSignedIn) emit();
  };

  return {
    accessToken: () => accessToken,
    refreshToken: read,
    isSignedIn: () => read() !== null,
    setTokens(pair) {
      const wasSignedIn = read() !== null;
      accessToken = pair.access_token;
      write(pair.refresh_token);
      if (!wasSignedIn) emit();
    },
    clear,
    storageChanged(newRefreshToken) {
      // Signed out elsewhere: drop this tab's access token too. Any change re-renders.
      if (newRefreshToken === null) accessToken = null;
      memoryRefreshToken = newRefreshToken;
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Keeps tabs in step: signing in or out in one tab does it in the others. */
export function syncAcrossTabs(store: AuthStore): () => void {
  if (typeof window === 'undefined') return () => {};
  const onStorage = (event: StorageEvent) => {
    if (event.key === REFRESH_TOKEN_KEY || event.key === null) store.storageChanged(event.key === null ? null : event.newValue);
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}

const browserStorage = (): KeyValueStorage | null => {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
};

export const authStore = createAuthStore(browserStorage());
