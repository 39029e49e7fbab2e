import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { CreateSourceRequest, Source, TestConnectionRequest, TestConnectionResult, UpdateSourceRequest } from '@aigw/shared/admin/sources';
import { api } from '../../lib/api-client';

const path = (id: string) => `/api/admin/sources/${encodeURIComponent(id)}`;

export const sourcesApi = {
  list: (query: Partial<ListQuery>, signal?: AbortSignal) => api.get<ListResponse<Source>>('/api/admin/sources', { query, signal }),
  create: (body: CreateSourceRequest) => api.post<Source>('/api/admin/sources', body),
  update: (id: string, body: UpdateSourceRequest) => api.patch<Source>(path(id), body),
  /** Refused with 409 `source_in_use` while a route targets the source. */
  remove: (id: string) => api.delete(path(id)),
  /** Tries an upstream with unsaved settings (or a saved instance's stored key via `instance_id`). */
  testConnection: (body: TestConnectionRequest) => api.post<TestConnectionResult>('/api/admin/sources/test', body),
};
