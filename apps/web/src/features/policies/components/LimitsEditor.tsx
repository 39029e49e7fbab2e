import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import type { FieldErrors } from '../../../lib/form-errors';
import { NUMERIC_LIMITS, type LimitsFormValues, type StoreFailure } from '../limits-form';

export interface LimitsEditorProps {
  values: LimitsFormValues;
  onChange: (values: LimitsFormValues) => void;
  /** The form's errors; the editor shows `limits` and `limits.<name>`. */
  errors: FieldErrors;
  description: string;
}

/** Every limit as a number field (blank: unlimited), and what to do when the limit store is down. */
export function LimitsEditor({ values, onChange, errors, description }: LimitsEditorProps) {
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="text-sm font-semibold text-neutral-900">Limits</legend>
      <p className="-mt-1 text-xs text-neutral-500">{description}</p>
      {errors.limits ? <p className="text-xs text-red-600">{errors.limits}</p> : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {NUMERIC_LIMITS.map(({ name, label }) => (
          <Input
            key={name}
            label={label}
            inputMode="numeric"
            autoComplete="off"
            placeholder="Unlimited"
            value={values[name]}
            onChange={(e) => onChange({ ...values, [name]: e.target.value })}
            error={errors[`limits.${name}`]}
          />
        ))}
        <Select
          label="When the limit store is down"
          value={values.on_store_failure}
          onChange={(e) => onChange({ ...values, on_store_failure: e.target.value as '' | StoreFailure })}
          error={errors['limits.on_store_failure']}
        >
          <option value="">Gateway default</option>
          <option value="closed">Refuse requests</option>
          <option value="open">Let requests through</option>
        </Select>
      </div>
    </fieldset>
  );
}
