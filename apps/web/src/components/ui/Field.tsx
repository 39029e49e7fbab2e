import { useId, type ReactNode } from 'react';
import { cn } from '../../lib/cn';

/** The props a labelled control gets from its Field: its id and its invalid/described-by state. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  label: string;
  /** Shown under the control while there is no error. */
  hint?: string;
  /** Marks the control invalid and says why. */
  error?: string | null;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/** The border and focus ring of a text-like control, red while it has an error. */
export const fieldControlClass = (error: string | null | undefined) =>
  cn('focus:outline-2 focus:-outline-offset-1 disabled:bg-neutral-100', error ? 'border-red-400 focus:outline-red-500' : 'border-neutral-300 focus:outline-neutral-900');

/** A label above a control and its hint or error below, wired up through aria attributes. */
export function Field({ label, hint, error, className, children }: FieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-sm font-medium text-neutral-800">
        {label}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-neutral-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
