import { MutationCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';
import type { ToastStore } from './toasts';

/** How a mutation's errors are shown; without it, the global toast shows them all. */
export interface MutationMeta extends Record<string, unknown> {
  /**
   * 'all': the component shows every error itself (e.g. the login form).
   * 'fields': the component shows errors naming a field (`param`) inline; the toast shows the rest.
   */
  inlineErrors?: 'all' | 'fields';
}

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: Error;
    mutationMeta: MutationMeta;
  }
}

/** The session ended: the redirect to the login page says it; no toast. */
const SESSION_ENDED = new Set(['invalid_token', 'token_expired']);

/** Whether the global handler should toast this mutation error. */
export function shouldToast(error: Error, meta: MutationMeta | undefined): boolean {
  if (meta?.inlineErrors === 'all') return false;
  if (error instanceof ApiError) {
    if (error.status === 401 && SESSION_ENDED.has(error.code)) return false;
    if (meta?.inlineErrors === 'fields' && error.param) return false;
  }
  return true;
}

export function describeError(error: Error): { title: string; message: string } {
  if (error instanceof ApiError) return { title: error.code, message: error.message };
  return { title: 'unexpected_error', message: error.message || 'Something went wrong' };
}

/** Never retry what a retry cannot fix (4xx); a network blip or 5xx gets two more tries. */
export function shouldRetryQuery(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(toasts: Pick<ToastStore, 'show'>): QueryClient {
  return new QueryClient({
    // The one place mutation errors are reported: their code and message.
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (!shouldToast(error, mutation.options.meta)) return;
        toasts.show({ tone: 'error', ...describeError(error) });
      },
    }),
    defaultOptions: {
      queries: { staleTime: 15_000, retry: shouldRetryQuery, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
