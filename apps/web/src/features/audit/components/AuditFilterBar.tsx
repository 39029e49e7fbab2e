import { useId } from 'react';
import type { User } from '@aigw/shared/admin/users';
import { FilterForm } from '../../../components/FilterForm';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { EMPTY_AUDIT_FILTERS, KNOWN_RESOURCE_TYPES, type AuditFilterValues } from '../audit-filters';

export interface AuditFilterBarProps {
  /** The filters applied now; the bar edits a copy until Apply. */
  applied: AuditFilterValues;
  onApply: (values: AuditFilterValues) => void;
  actors: User[];
}

/** Actor, action, resource type and outcome filters, applied together. */
export function AuditFilterBar({ applied, onApply, actors }: AuditFilterBarProps) {
  const typesId = useId();

  return (
    <FilterForm label="Audit filters" applied={applied} empty={EMPTY_AUDIT_FILTERS} onApply={onApply}>
      {(draft, set) => (
        <>
          <Select label="Actor" value={draft.actorId} onChange={set('actorId')}>
            <option value="">Anyone</option>
            {actors.map((user) => (
              <option key={user.id} value={user.id}>
                {user.email}
              </option>
            ))}
          </Select>
          <Input label="Action" placeholder="e.g. route.update" autoComplete="off" value={draft.action} onChange={set('action')} />
          <Input label="Resource type" placeholder="e.g. route" autoComplete="off" list={typesId} value={draft.resourceType} onChange={set('resourceType')} />
          <datalist id={typesId}>
            {KNOWN_RESOURCE_TYPES.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <Select label="Outcome" value={draft.outcome} onChange={set('outcome')}>
            <option value="">Any outcome</option>
            <option value="succeeded">Succeeded</option>
            <option value="failed">Failed</option>
            <option value="pending">Pending (outcome unknown)</option>
          </Select>
        </>
      )}
    </FilterForm>
  );
}
