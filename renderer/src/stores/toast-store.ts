import { create } from 'zustand';

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
}

interface ToastState {
  toasts: Toast[];
  /** The last thing Ctrl/Cmd+Z can take back (one level, like the toast that offers it). */
  undo: (() => Promise<void>) | null;
  show(message: string, options?: { tone?: Toast['tone']; action?: Toast['action']; ms?: number }): number;
  dismiss(id: number): void;
  /** Shows "<message> · Undo" and remembers the undo for Ctrl/Cmd+Z. */
  offerUndo(message: string, undo: () => Promise<void>): void;
  runUndo(): Promise<void>;
}

let nextId = 1;

export const useToastStore = create<ToastState>((set, get) => ({
  toasts: [],
  undo: null,
  show(message, options = {}) {
    const id = nextId++;
    const toast: Toast = { id, message, tone: options.tone ?? 'info', ...(options.action ? { action: options.action } : {}) };
    // Keep the screen calm: the same words are said once, at most three toasts at once, the oldest goes first.
    set((s) => ({ toasts: [...s.toasts.filter((t) => t.message !== message || t.action).slice(-2), toast] }));
    setTimeout(() => get().dismiss(id), options.ms ?? (options.tone === 'error' ? 8000 : 5000));
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  offerUndo(message, undo) {
    let toastId = 0;
    const run = async () => {
      get().dismiss(toastId);
      if (get().undo === run) set({ undo: null });
      await undo();
    };
    set({ undo: run });
    toastId = get().show(message, { action: { label: 'Undo', run: () => void run() }, ms: 8000 });
  },
  async runUndo() {
    const undo = get().undo;
    if (undo) await undo();
  },
}));

/** Shorthand for the many places that only need to say something went wrong. */
export function toastError(message: string): void {
  useToastStore.getState().show(message, { tone: 'error' });
}
