import { queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../../lib/pagination';
import { routesApi } from './api';

export const routeKeys = {
  all: ['routes'] as const,
  lists: () => [...routeKeys.all, 'list'] as const,
  /** Every route, all pages: the routes page and the playground's model picker share it. */
  list: () => [...routeKeys.lists(), 'all'] as const,
};

export const routeListOptions = () =>
  queryOptions({
    queryKey: routeKeys.list(),
    queryFn: ({ signal }) => fetchAllPages((query) => routesApi.list(query, signal)),
  });
