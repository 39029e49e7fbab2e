import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { CreateRouteRequest, Route, UpdateRouteRequest } from '@aigw/shared/admin/routes';
import { api } from '../../lib/api-client';

const path = (id: string) => `/api/admin/routes/${encodeURIComponent(id)}`;

export const routesApi = {
  list: (query: Partial<ListQuery>, signal?: AbortSignal) => api.get<ListResponse<Route>>('/api/admin/routes', { query, signal }),
  create: (body: CreateRouteRequest) => api.post<Route>('/api/admin/routes', body),
  update: (id: string, body: UpdateRouteRequest) => api.patch<Route>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
};
