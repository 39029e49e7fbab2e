import { queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../../lib/pagination';
import { localModelsApi } from './api';

export const localModelKeys = {
  all: ['local-models'] as const,
  hosts: () => [...localModelKeys.all, 'hosts'] as const,
  models: () => [...localModelKeys.all, 'models'] as const,
  logs: (hostId: string, id: string) => [...localModelKeys.all, 'logs', hostId, id] as const,
};

/** Health and GPUs come from the gateway's background poll: re-read every few seconds. */
export const hostListOptions = () =>
  queryOptions({
    queryKey: localModelKeys.hosts(),
    queryFn: ({ signal }) => fetchAllPages((query) => localModelsApi.listHosts(query, signal)),
    refetchInterval: 5_000,
  });

/** Models change state on their own (starting -> running, crashes): polled so the page follows. */
export const modelListOptions = () =>
  queryOptions({
    queryKey: localModelKeys.models(),
    queryFn: ({ signal }) => localModelsApi.listModels(signal),
    refetchInterval: 2_000,
  });

export const LOG_TAIL = 200;

/** The live tail: the last lines, re-read every second and a half. */
export const logTailOptions = (hostId: string, id: string) =>
  queryOptions({
    queryKey: localModelKeys.logs(hostId, id),
    queryFn: ({ signal }) => localModelsApi.logs(id, hostId, LOG_TAIL, signal),
    refetchInterval: 1_500,
  });
