import { queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../../lib/pagination';
import { namespacesApi } from './api';

export const namespaceKeys = {
  all: ['namespaces'] as const,
  lists: () => [...namespaceKeys.all, 'list'] as const,
  /** Every namespace, all pages: the namespaces page and the usage page's names share it. */
  list: () => [...namespaceKeys.lists(), 'all'] as const,
};

export const namespaceListOptions = () =>
  queryOptions({
    queryKey: namespaceKeys.list(),
    queryFn: ({ signal }) => fetchAllPages((query) => namespacesApi.list(query, signal)),
  });
