import { useSyncExternalStore } from 'react';
import { cn } from '../../lib/cn';
import type { ToastStore } from '../../lib/toasts';

const tones = {
  error: 'border-red-200 bg-white text-red-800',
  success: 'border-green-200 bg-white text-green-800',
  info: 'border-neutral-200 bg-white text-neutral-800',
};

/** Renders the toast store's messages in the corner; errors are announced assertively. */
export function Toaster({ store }: { store: ToastStore }) {
  const items = useSyncExternalStore(store.subscribe, store.snapshot, store.snapshot);
  return (
    <div aria-live="assertive" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2">
      {items.map((toast) => (
        <div key={toast.id} role={toast.tone === 'error' ? 'alert' : 'status'} className={cn('pointer-events-auto rounded-md border px-4 py-3 text-sm shadow-lg', tones[toast.tone])}>
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="font-mono text-xs font-medium">{toast.title}</p>
              <p className="mt-0.5 text-neutral-700">{toast.message}</p>
            </div>
            <button type="button" aria-label="Dismiss" onClick={() => store.dismiss(toast.id)} className="text-neutral-400 hover:text-neutral-700">
              ×
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
