import type { UsageExportQuery } from '@aigw/shared/admin/usage';
import type { ResolvedRange } from '../../lib/time-range';

/** The filter bar as it holds its values: ids from pickers ('' = any), text as typed. */
export interface UsageFilterValues {
  keyId: string;
  namespaceId: string;
  model: string;
  status: string;
}

export const EMPTY_USAGE_FILTERS: UsageFilterValues = { keyId: '', namespaceId: '', model: '', status: '' };

/** The status filters the API takes: a class, one code, or every error. */
export const STATUS_FILTERS: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: 'Any status' },
  { value: 'error', label: 'Errors (400 and above)' },
  { value: '2xx', label: 'Success (2xx)' },
  { value: '4xx', label: 'Client errors (4xx)' },
  { value: '5xx', label: 'Server errors (5xx)' },
  { value: '429', label: 'Rate limited (429)' },
];

/** The filters as the list, the summary and the export take them: blanks left out. */
export function toUsageFilter(values: UsageFilterValues, range: ResolvedRange): UsageExportQuery {
  const model = values.model.trim();
  return {
    ...(values.keyId ? { key_id: values.keyId } : {}),
    ...(values.namespaceId ? { namespace_id: values.namespaceId } : {}),
    ...(model ? { model } : {}),
    ...(values.status ? { status: values.status } : {}),
    from: range.from,
    to: range.to,
  };
}

/** The export's file name: `usage-2026-03-04T12-00-00-000Z.csv` (when it was taken). */
export const exportFileName = (now: Date = new Date()) => `usage-${now.toISOString().replace(/[:.]/g, '-')}.csv`;
