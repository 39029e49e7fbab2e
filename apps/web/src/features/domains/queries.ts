import { queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../../lib/pagination';
import { domainsApi } from './api';

export const domainKeys = {
  all: ['domains'] as const,
  list: () => [...domainKeys.all, 'list'] as const,
};

export const domainListOptions = () =>
  queryOptions({
    queryKey: domainKeys.list(),
    queryFn: ({ signal }) => fetchAllPages((query) => domainsApi.list(query, signal)),
  });
