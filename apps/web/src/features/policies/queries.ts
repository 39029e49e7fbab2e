import { queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../../lib/pagination';
import { policiesApi } from './api';

export const policyKeys = {
  all: ['policies'] as const,
  lists: () => [...policyKeys.all, 'list'] as const,
  list: () => [...policyKeys.lists(), 'all'] as const,
};

/** Effective policies change with keys, namespaces and policies alike: their own root, invalidated by all three. */
export const effectivePolicyKeys = {
  all: ['effective-policy'] as const,
  forKey: (keyId: string) => [...effectivePolicyKeys.all, keyId] as const,
};

export const policyListOptions = () =>
  queryOptions({
    queryKey: policyKeys.list(),
    queryFn: ({ signal }) => fetchAllPages((query) => policiesApi.list(query, signal)),
  });

export const effectivePolicyOptions = (keyId: string) =>
  queryOptions({
    queryKey: effectivePolicyKeys.forKey(keyId),
    queryFn: ({ signal }) => policiesApi.effectiveForKey(keyId, signal),
    staleTime: 0,
  });
