import type { TextareaHTMLAttributes } from 'react';
import { cn } from '../../lib/cn';
import { Field, fieldControlClass } from './Field';

export interface TextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  hint?: string;
  error?: string | null;
  /** Monospaced text (documents, code). */
  mono?: boolean;
}

/** A labelled multi-line text field with its hint or error wired up through aria attributes. */
export function Textarea({ label, hint, error, mono, className, ...rest }: TextareaProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <textarea
          {...control}
          className={cn(
            'min-h-20 rounded-md border bg-white px-3 py-2 text-sm text-neutral-900 shadow-xs placeholder:text-neutral-400',
            mono && 'font-mono text-xs',
            fieldControlClass(error),
          )}
          {...rest}
        />
      )}
    </Field>
  );
}
