import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { ApiKey, CreatedApiKey, CreateKeyRequest, UpdateKeyRequest } from '@aigw/shared/admin/keys';
import { api } from '../../lib/api-client';

const path = (id: string) => `/api/admin/keys/${encodeURIComponent(id)}`;

export const keysApi = {
  list: (query: Partial<ListQuery>, signal?: AbortSignal) => api.get<ListResponse<ApiKey>>('/api/admin/keys', { query, signal }),
  create: (body: CreateKeyRequest) => api.post<CreatedApiKey>('/api/admin/keys', body),
  update: (id: string, body: UpdateKeyRequest) => api.patch<ApiKey>(path(id), body),
  /** Revokes: the key stays listed with `revoked: true`. */
  revoke: (id: string) => api.delete(path(id)),
};
