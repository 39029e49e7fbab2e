import type { Source } from '@aigw/shared/admin/sources';
import { Button } from '../../../components/ui/Button';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import type { FieldErrors } from '../../../lib/form-errors';
import { emptyTarget, type TargetFormValues, type TargetList } from '../route-form';

export interface TargetsEditorProps {
  list: TargetList;
  /** "Targets", "Fallback targets". */
  title: string;
  description: string;
  /** Each row's group name: "Target 1", "Fallback 1". */
  rowLabel: string;
  targets: TargetFormValues[];
  sources: Source[];
  errors: FieldErrors;
  onChange: (targets: TargetFormValues[]) => void;
  /** At least this many rows stay (the remove button hides below it). */
  min: number;
}

/** Rows of targets: a source picked by name, a weight, an optional upstream model rename and path. */
export function TargetsEditor({ list, title, description, rowLabel, targets, sources, errors, onChange, min }: TargetsEditorProps) {
  const set = (index: number, patch: Partial<TargetFormValues>) => onChange(targets.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  return (
    <div>
      <div className="mb-2 flex items-start justify-between gap-3">
        <div>
          <h3 className="text-sm font-semibold text-neutral-900">{title}</h3>
          <p className="text-xs text-neutral-500">{description}</p>
        </div>
        <Button variant="secondary" size="sm" onClick={() => onChange([...targets, emptyTarget()])}>
          Add {rowLabel.toLowerCase()}
        </Button>
      </div>
      {errors[list] ? <p className="mb-2 text-xs text-red-600">{errors[list]}</p> : null}
      <div className="flex flex-col gap-2">
        {targets.map((t, index) => {
          const at = `${list}.${index}`;
          const known = t.sourceId === '' || sources.some((s) => s.id === t.sourceId);
          return (
            <div key={t.rowKey} role="group" aria-label={`${rowLabel} ${index + 1}`} className="rounded-md border border-neutral-200 bg-neutral-50/50 p-3">
              {errors[at] ? <p className="mb-2 text-xs text-red-600">{errors[at]}</p> : null}
              <div className="grid grid-cols-1 items-start gap-3 md:grid-cols-[minmax(0,1.4fr)_5.5rem_minmax(0,1fr)_minmax(0,1fr)_auto]">
                <Select label="Source" value={t.sourceId} onChange={(e) => set(index, { sourceId: e.target.value })} error={errors[`${at}.source_id`]}>
                  <option value="">Choose a source…</option>
                  {sources.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                  {known ? null : <option value={t.sourceId}>Unknown source ({t.sourceId.slice(0, 8)}…)</option>}
                </Select>
                <Input label="Weight" inputMode="numeric" autoComplete="off" value={t.weight} onChange={(e) => set(index, { weight: e.target.value })} error={errors[`${at}.weight`]} />
                <Input
                  label="Upstream model"
                  autoComplete="off"
                  placeholder="As requested"
                  value={t.model}
                  onChange={(e) => set(index, { model: e.target.value })}
                  error={errors[`${at}.model`]}
                />
                <Input label="Path" autoComplete="off" placeholder="As requested" value={t.path} onChange={(e) => set(index, { path: e.target.value })} error={errors[`${at}.path`]} />
                <div className="pt-7">
                  <Button variant="ghost" size="sm" aria-label={`Remove ${rowLabel.toLowerCase()} ${index + 1}`} disabled={targets.length <= min} onClick={() => onChange(targets.filter((_, i) => i !== index))}>
                    Remove
                  </Button>
                </div>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
