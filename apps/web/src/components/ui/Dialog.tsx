import { useEffect, useId, useRef, type ReactNode } from 'react';
import { cn } from '../../lib/cn';

export interface DialogProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  /** Escape, the close button or a click on the backdrop. Omit to make the dialog dismissable only by its own buttons. */
  onClose?: () => void;
  children?: ReactNode;
  footer?: ReactNode;
  /** md: a confirm step or a short form (default); xl: an editor with many fields. */
  size?: 'md' | 'lg' | 'xl';
}

const widths = {
  md: 'w-[min(32rem,calc(100vw-2rem))]',
  lg: 'w-[min(44rem,calc(100vw-2rem))]',
  xl: 'w-[min(60rem,calc(100vw-2rem))]',
};

/** A modal on the native <dialog>: focus trapping, Escape and the top layer come from the browser. */
export function Dialog({ open, title, description, onClose, children, footer, size = 'md' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // Escape: let the parent decide (it owns `open`).
        event.preventDefault();
        onClose?.();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget && onClose) onClose();
      }}
      className={cn('m-auto rounded-lg bg-white p-0 text-neutral-900 shadow-xl backdrop:bg-neutral-900/40', widths[size])}
    >
      {open ? (
        <div className="flex flex-col">
          <div className={children ? 'px-5 pt-5' : 'px-5 py-5'}>
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {description ? (
              <div id={descriptionId} className="mt-1 text-sm text-neutral-500">
                {description}
              </div>
            ) : null}
          </div>
          {children ? <div className="px-5 pt-4 pb-5">{children}</div> : null}
          {footer ? <div className="sticky bottom-0 flex justify-end gap-2 rounded-b-lg border-t border-neutral-200 bg-neutral-50 px-5 py-3">{footer}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}
