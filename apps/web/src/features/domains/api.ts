import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { CreateDomainRequest, Domain, UpdateDomainRequest } from '@aigw/shared/admin/domains';
import { api } from '../../lib/api-client';

const path = (id: string) => `/api/admin/domains/${encodeURIComponent(id)}`;

export const domainsApi = {
  list: (query: Partial<ListQuery>, signal?: AbortSignal) => api.get<ListResponse<Domain>>('/api/admin/domains', { query, signal }),
  create: (body: CreateDomainRequest) => api.post<Domain>('/api/admin/domains', body),
  update: (id: string, body: UpdateDomainRequest) => api.patch<Domain>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
};
