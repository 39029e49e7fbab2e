import type { FormEvent, ReactNode } from 'react';
import { Button } from './Button';
import { Dialog, type DialogProps } from './Dialog';
import { ErrorBanner } from './ErrorBanner';

export interface FormDialogProps {
  /** The form's id: the footer's submit button sits outside the form and names it. */
  formId: string;
  title: string;
  description?: ReactNode;
  /** The submit button's name ("Create route", "Save changes"). */
  submitLabel: string;
  /** Saving: the dialog cannot be dismissed and the submit button spins. */
  pending: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onClose: () => void;
  /** An error the form has no field for, in a banner above the fields. */
  error?: Error | null;
  size?: DialogProps['size'];
  children: ReactNode;
}

/** A dialog holding one form, with Cancel and submit in its footer. */
export function FormDialog({ formId, title, description, submitLabel, pending, onSubmit, onClose, error, size = 'xl', children }: FormDialogProps) {
  return (
    <Dialog
      open
      size={size}
      title={title}
      description={description}
      onClose={pending ? undefined : onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={pending}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} className="flex flex-col gap-6" onSubmit={onSubmit} noValidate>
        {error ? <ErrorBanner error={error} /> : null}
        {children}
      </form>
    </Dialog>
  );
}
