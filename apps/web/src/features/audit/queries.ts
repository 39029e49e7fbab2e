import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../../lib/pagination';
import { auditApi, type AuditPageQuery } from './api';

export type AuditFilter = Omit<AuditPageQuery, 'limit' | 'after'>;

export const auditKeys = {
  all: ['audit'] as const,
  list: (filter: AuditFilter, limit: number) => [...auditKeys.all, 'list', filter, limit] as const,
};

/** The entries matching the filters, newest first, a page at a time. */
export const auditListOptions = (filter: AuditFilter, limit: number) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(filter, limit),
    queryFn: ({ pageParam, signal }) => auditApi.list({ ...filter, limit, after: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => (page.has_more ? page.data.at(-1)?.id : undefined),
    staleTime: 0,
  });

export const actorListOptions = () =>
  queryOptions({
    queryKey: ['users', 'list', 'all'] as const,
    queryFn: ({ signal }) => fetchAllPages((query) => auditApi.users(query, signal)),
  });
