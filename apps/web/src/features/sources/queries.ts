import { queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../../lib/pagination';
import { sourcesApi } from './api';

export const sourceKeys = {
  all: ['sources'] as const,
  lists: () => [...sourceKeys.all, 'list'] as const,
  /** Every source, all pages: the sources page, the services page and the route form's picker share it. */
  list: () => [...sourceKeys.lists(), 'all'] as const,
};

export const sourceListOptions = () =>
  queryOptions({
    queryKey: sourceKeys.list(),
    queryFn: ({ signal }) => fetchAllPages((query) => sourcesApi.list(query, signal)),
  });
