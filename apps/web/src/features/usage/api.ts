import type { ListResponse } from '@aigw/shared/admin/common';
import type { UsageBodies, UsageExportQuery, UsageInterval, UsageGroupBy, UsageRecord, UsageSummary } from '@aigw/shared/admin/usage';
import { api } from '../../lib/api-client';

/** The list query as sent (the schema coerces `limit` from text, so its input type is unknown). */
export type UsagePageQuery = UsageExportQuery & { limit: number; after?: string };
export type UsageSummaryRequest = UsageExportQuery & { group_by?: UsageGroupBy; interval: UsageInterval };

export const usageApi = {
  list: (query: UsagePageQuery, signal?: AbortSignal) => api.get<ListResponse<UsageRecord>>('/api/admin/usage', { query, signal }),
  summary: (query: UsageSummaryRequest, signal?: AbortSignal) => api.get<UsageSummary>('/api/admin/usage/summary', { query, signal }),
  /** Every record matching the filters, as CSV text. */
  exportCsv: (filter: UsageExportQuery) => api.get<string>('/api/admin/usage/export.csv', { query: filter, responseType: 'text' }),
  /** What a request sent and got back, when a policy kept it (admins only). */
  bodies: (id: string, signal?: AbortSignal) => api.get<UsageBodies>(`/api/admin/usage/${encodeURIComponent(id)}/bodies`, { signal }),
};
