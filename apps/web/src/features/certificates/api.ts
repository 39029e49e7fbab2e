import type { Certificate, CreateCertificateRequest, UpdateCertificateRequest } from '@aigw/shared/admin/certificates';
import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import { api } from '../../lib/api-client';

const path = (id: string) => `/api/admin/certificates/${encodeURIComponent(id)}`;

export const certificatesApi = {
  list: (query: Partial<ListQuery>, signal?: AbortSignal) => api.get<ListResponse<Certificate>>('/api/admin/certificates', { query, signal }),
  create: (body: CreateCertificateRequest) => api.post<Certificate>('/api/admin/certificates', body),
  update: (id: string, body: UpdateCertificateRequest) => api.patch<Certificate>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
};
