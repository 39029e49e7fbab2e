import { infiniteQueryOptions } from '@tanstack/react-query';
import { keysApi } from './api';

export interface KeyListParams {
  limit: number;
}

export const keyKeys = {
  all: ['keys'] as const,
  lists: () => [...keyKeys.all, 'list'] as const,
  list: (params: KeyListParams) => [...keyKeys.lists(), params] as const,
};

/** The key list, a page at a time (`?limit=&after=` cursor, oldest first). */
export const keyListOptions = (params: KeyListParams) =>
  infiniteQueryOptions({
    queryKey: keyKeys.list(params),
    queryFn: ({ pageParam, signal }) => keysApi.list({ limit: params.limit, after: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => (page.has_more ? page.data.at(-1)?.id : undefined),
  });
