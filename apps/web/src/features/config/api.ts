import type { ApplyConfigRequest, ApplyConfigResult } from '@aigw/shared/admin/config';
import { api } from '../../lib/api-client';

export type ConfigFormat = 'yaml' | 'json';

export const configApi = {
  /** The sources and routes as one document (secrets left out), as text to save. */
  export: (format: ConfigFormat) => api.get<string>('/api/admin/config/export', { query: { format }, responseType: 'text' }),
  /** `dry_run: true` answers the plan and changes nothing. */
  apply: (body: ApplyConfigRequest) => api.post<ApplyConfigResult>('/api/admin/config/apply', body),
};
