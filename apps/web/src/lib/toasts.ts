export type ToastTone = 'error' | 'success' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  message: string;
}

type Listener = () => void;

/** A tiny external store for toasts, read with `useSyncExternalStore`. */
export function createToastStore(options: { timeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? 8000;
  let toasts: readonly Toast[] = [];
  let nextId = 1;
  const listeners = new Set<Listener>();
  const set = (next: readonly Toast[]) => {
    toasts = next;
    for (const l of listeners) l();
  };
  const dismiss = (id: number) => set(toasts.filter((t) => t.id !== id));
  return {
    show(toast: Omit<Toast, 'id'>): number {
      const id = nextId++;
      // The same message twice in a row is shown once.
      const rest = toasts.filter((t) => !(t.title === toast.title && t.message === toast.message));
      set([...rest, { ...toast, id }].slice(-4));
      if (timeoutMs > 0) setTimeout(() => dismiss(id), timeoutMs);
      return id;
    },
    dismiss,
    snapshot: () => toasts,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export type ToastStore = ReturnType<typeof createToastStore>;

export const toasts = createToastStore();
