import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { CreatePolicyRequest, EffectivePolicy, Policy, UpdatePolicyRequest } from '@aigw/shared/admin/policies';
import { api } from '../../lib/api-client';

const path = (id: string) => `/api/admin/policies/${encodeURIComponent(id)}`;

export const policiesApi = {
  list: (query: Partial<ListQuery>, signal?: AbortSignal) => api.get<ListResponse<Policy>>('/api/admin/policies', { query, signal }),
  create: (body: CreatePolicyRequest) => api.post<Policy>('/api/admin/policies', body),
  update: (id: string, body: UpdatePolicyRequest) => api.patch<Policy>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
  /** What applies to a key's requests (its own rules, its namespace's, their policies'), each limit with its source. */
  effectiveForKey: (keyId: string, signal?: AbortSignal) => api.get<EffectivePolicy>(`/api/admin/keys/${encodeURIComponent(keyId)}/effective-policy`, { signal }),
};
