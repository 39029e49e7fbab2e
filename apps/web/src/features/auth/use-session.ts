import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { authStore } from '../../lib/auth-store';
import { meOptions } from './queries';

/** Whether this browser holds a session; re-renders on sign-in and sign-out. */
export function useSignedIn(): boolean {
  return useSyncExternalStore(authStore.subscribe, authStore.isSignedIn, authStore.isSignedIn);
}

/** The signed-in account; `canWrite` is false for viewers and until the role is known. */
export function useMe() {
  const query = useQuery(meOptions());
  return { me: query.data, canWrite: query.data?.role === 'admin', query };
}
