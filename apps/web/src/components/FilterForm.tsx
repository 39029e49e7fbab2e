import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from './ui/Button';

/** Filter values: every field is text (blank: not filtered). */
type Values<T> = { [K in keyof T]: string };

export interface FilterFormProps<T extends Values<T>> {
  /** The form's accessible name, e.g. "Usage filters". */
  label: string;
  /** The filters applied now; the form edits a copy until Apply. */
  applied: T;
  /** What Reset goes back to (and applies). */
  empty: T;
  onApply: (values: T) => void;
  /** The fields, given the draft and a change handler per field. */
  children: (draft: T, set: (field: keyof T) => (event: { target: { value: string } }) => void) => ReactNode;
}

/** A bar of filters applied together: Apply applies the draft, Reset clears and applies. */
export function FilterForm<T extends Values<T>>({ label, applied, empty, onApply, children }: FilterFormProps<T>) {
  const [draft, setDraft] = useState(applied);
  const set = (field: keyof T) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: event.target.value }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  const reset = () => {
    setDraft(empty);
    onApply(empty);
  };

  return (
    <form aria-label={label} className="grid grid-cols-1 items-start gap-3 px-4 py-3 md:grid-cols-[repeat(4,minmax(0,1fr))_auto]" onSubmit={submit} noValidate>
      {children(draft, set)}
      <div className="flex gap-2 md:mt-6">
        <Button type="submit">Apply filters</Button>
        <Button variant="ghost" onClick={reset}>
          Reset
        </Button>
      </div>
    </form>
  );
}
