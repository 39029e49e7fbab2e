import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { CreateNamespaceRequest, Namespace, UpdateNamespaceRequest } from '@aigw/shared/admin/namespaces';
import { api } from '../../lib/api-client';

const path = (id: string) => `/api/admin/namespaces/${encodeURIComponent(id)}`;

export const namespacesApi = {
  list: (query: Partial<ListQuery>, signal?: AbortSignal) => api.get<ListResponse<Namespace>>('/api/admin/namespaces', { query, signal }),
  create: (body: CreateNamespaceRequest) => api.post<Namespace>('/api/admin/namespaces', body),
  update: (id: string, body: UpdateNamespaceRequest) => api.patch<Namespace>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
};
