import { queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../../lib/pagination';
import { certificatesApi } from './api';

export const certificateKeys = {
  all: ['certificates'] as const,
  list: () => [...certificateKeys.all, 'list'] as const,
};

/** Every stored certificate (the certificates page and the domain form's picker share it). */
export const certificateListOptions = () =>
  queryOptions({
    queryKey: certificateKeys.list(),
    queryFn: ({ signal }) => fetchAllPages((query) => certificatesApi.list(query, signal)),
  });
