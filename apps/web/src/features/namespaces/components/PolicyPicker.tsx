import type { Policy } from '@aigw/shared/admin/policies';
import { Checkbox } from '../../../components/ui/Checkbox';

export interface PolicyPickerProps {
  policies: Policy[];
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string | null;
}

/** The policies to attach, as checkboxes in list order. */
export function PolicyPicker({ policies, selected, onChange, error }: PolicyPickerProps) {
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  return (
    <fieldset className="flex flex-col gap-2" aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-sm font-semibold text-neutral-900">Policies</legend>
      {policies.length === 0 ? <p className="text-xs text-neutral-500">There are no policies yet; create one below the namespaces.</p> : null}
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        {policies.map((p) => (
          <Checkbox key={p.id} label={p.name} hint={p.description ?? undefined} checked={selected.includes(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
        ))}
      </div>
      {error ? <p className="text-xs text-red-600">{error}</p> : null}
    </fieldset>
  );
}
