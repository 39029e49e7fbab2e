import type { ApiKey } from '@aigw/shared/admin/keys';
import type { Namespace } from '@aigw/shared/admin/namespaces';
import { FilterForm } from '../../../components/FilterForm';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { EMPTY_USAGE_FILTERS, STATUS_FILTERS, type UsageFilterValues } from '../usage-filters';

export interface UsageFilterBarProps {
  /** The filters applied now; the bar edits a copy until Apply. */
  applied: UsageFilterValues;
  onApply: (values: UsageFilterValues) => void;
  keys: ApiKey[];
  namespaces: Namespace[];
}

/** Key, namespace, model and status filters, applied together. */
export function UsageFilterBar({ applied, onApply, keys, namespaces }: UsageFilterBarProps) {
  return (
    <FilterForm label="Usage filters" applied={applied} empty={EMPTY_USAGE_FILTERS} onApply={onApply}>
      {(draft, set) => (
        <>
          <Select label="Key" value={draft.keyId} onChange={set('keyId')}>
            <option value="">All keys</option>
            {keys.map((key) => (
              <option key={key.id} value={key.id}>
                {key.name}
                {key.revoked ? ' (revoked)' : ''}
              </option>
            ))}
          </Select>
          <Select label="Namespace" value={draft.namespaceId} onChange={set('namespaceId')}>
            <option value="">All namespaces</option>
            {namespaces.map((ns) => (
              <option key={ns.id} value={ns.id}>
                {ns.name}
              </option>
            ))}
          </Select>
          <Input label="Model" placeholder="e.g. gpt-4o" autoComplete="off" value={draft.model} onChange={set('model')} />
          <Select label="Status" value={draft.status} onChange={set('status')}>
            {STATUS_FILTERS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </Select>
        </>
      )}
    </FilterForm>
  );
}
