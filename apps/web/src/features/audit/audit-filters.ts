import type { AuditOutcome } from '@aigw/shared/admin/audit';
import type { ResolvedRange } from '../../lib/time-range';
import type { AuditFilter } from './queries';

/** The filter bar as it holds its values ('' = any). */
export interface AuditFilterValues {
  actorId: string;
  action: string;
  resourceType: string;
  outcome: '' | AuditOutcome;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterValues = { actorId: '', action: '', resourceType: '', outcome: '' };

/** Suggestions for the resource type filter (any other type can be typed). */
export const KNOWN_RESOURCE_TYPES = ['key', 'source', 'route', 'namespace', 'policy', 'user', 'config', 'domain', 'certificate', 'model_host'] as const;

/** The filters as the API takes them: blanks left out, text trimmed. */
export function toAuditFilter(values: AuditFilterValues, range: ResolvedRange): AuditFilter {
  const action = values.action.trim();
  const resourceType = values.resourceType.trim();
  return {
    ...(values.actorId ? { actor_id: values.actorId } : {}),
    ...(action ? { action } : {}),
    ...(resourceType ? { resource_type: resourceType } : {}),
    ...(values.outcome ? { outcome: values.outcome } : {}),
    from: range.from,
    to: range.to,
  };
}
