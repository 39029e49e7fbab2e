import type { AuditEntry, AuditListQuery } from '@aigw/shared/admin/audit';
import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { User } from '@aigw/shared/admin/users';
import { api } from '../../lib/api-client';

/** The list query as sent (the schema coerces `limit` from text, so its input type is unknown). */
export type AuditPageQuery = Omit<AuditListQuery, 'limit'> & { limit: number };

export const auditApi = {
  list: (query: AuditPageQuery, signal?: AbortSignal) => api.get<ListResponse<AuditEntry>>('/api/admin/audit', { query, signal }),
  /** The accounts that can act, for the actor filter. */
  users: (query: Partial<ListQuery>, signal?: AbortSignal) => api.get<ListResponse<User>>('/api/admin/users', { query, signal }),
};
