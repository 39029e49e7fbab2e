import type { SelectHTMLAttributes } from 'react';
import { cn } from '../../lib/cn';
import { Field, fieldControlClass } from './Field';

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  hint?: string;
  error?: string | null;
}

/** A labelled native select with its hint or error wired up through aria attributes. */
export function Select({ label, hint, error, className, children, ...rest }: SelectProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <select {...control} className={cn('h-9 rounded-md border bg-white px-2.5 text-sm text-neutral-900 shadow-xs', fieldControlClass(error))} {...rest}>
          {children}
        </select>
      )}
    </Field>
  );
}
