import type { UsageExportQuery, UsageGroupBy, UsageInterval } from '@aigw/shared/admin/usage';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../../lib/pagination';
import { keysApi } from '../keys/api';
import { keyKeys } from '../keys/queries';
import { usageApi } from './api';

export const usageKeys = {
  all: ['usage'] as const,
  list: (filter: UsageExportQuery, limit: number) => [...usageKeys.all, 'list', filter, limit] as const,
  summary: (filter: UsageExportQuery, groupBy: UsageGroupBy, interval: UsageInterval) => [...usageKeys.all, 'summary', filter, groupBy, interval] as const,
  bodies: (id: string) => [...usageKeys.all, 'bodies', id] as const,
};

export const usageBodiesOptions = (id: string) =>
  queryOptions({ queryKey: usageKeys.bodies(id), queryFn: ({ signal }) => usageApi.bodies(id, signal), staleTime: Infinity });

/** The records matching the filters, newest first, a page at a time. */
export const usageListOptions = (filter: UsageExportQuery, limit: number) =>
  infiniteQueryOptions({
    queryKey: usageKeys.list(filter, limit),
    queryFn: ({ pageParam, signal }) => usageApi.list({ ...filter, limit, after: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => (page.has_more ? page.data.at(-1)?.id : undefined),
  });

export const usageSummaryOptions = (filter: UsageExportQuery, groupBy: UsageGroupBy, interval: UsageInterval) =>
  queryOptions({
    queryKey: usageKeys.summary(filter, groupBy, interval),
    queryFn: ({ signal }) => usageApi.summary({ ...filter, group_by: groupBy, interval }, signal),
  });

/** Every API key, revoked ones included (old usage names them): for names and the key filter. */
export const allKeysOptions = () =>
  queryOptions({
    queryKey: [...keyKeys.lists(), 'all'] as const,
    queryFn: ({ signal }) => fetchAllPages((query) => keysApi.list(query, signal)),
  });
