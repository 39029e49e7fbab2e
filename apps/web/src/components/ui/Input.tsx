import type { InputHTMLAttributes } from 'react';
import { cn } from '../../lib/cn';
import { Field, fieldControlClass } from './Field';

export interface InputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Shown under the field while there is no error. */
  hint?: string;
  /** Marks the field invalid and says why. */
  error?: string | null;
}

/** A labelled text input with its hint or error wired up through aria attributes. */
export function Input({ label, hint, error, className, ...rest }: InputProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <input
          {...control}
          className={cn('h-9 rounded-md border bg-white px-3 text-sm text-neutral-900 shadow-xs placeholder:text-neutral-400', fieldControlClass(error))}
          {...rest}
        />
      )}
    </Field>
  );
}
