import type { ReactNode } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { ErrorBanner } from './ErrorBanner';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  description: ReactNode;
  /** The danger button's name ("Delete route"). */
  confirmLabel: string;
  /** The action is running: the dialog cannot be dismissed and the confirm button spins. */
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
  /** The action's failure, shown in the dialog under `errorTitle`; omit when the global handler reports it. */
  error?: Error | null;
  errorTitle?: string;
}

/** The confirm step before a destructive action: Cancel, or a danger button that runs it. */
export function ConfirmDialog({ open, title, description, confirmLabel, pending, onConfirm, onClose, error, errorTitle }: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={pending ? undefined : onClose}
      description={description}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button variant="danger" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {error ? <ErrorBanner title={errorTitle} error={error} /> : null}
    </Dialog>
  );
}
