import { create } from 'zustand';

export type Overlay = 'none' | 'settings' | 'help';

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  resolve(answer: boolean): void;
}

interface UiState {
  overlay: Overlay;
  confirm: ConfirmRequest | null;
  /** The Queue popover (counts, pauses) is open: its button, Ctrl/Cmd+J, the View menu. */
  queueOpen: boolean;
  toggleQueue(open?: boolean): void;
  open(overlay: Overlay): void;
  close(): void;
  /** Asks the artist a yes/no question in a dialog; resolves with the answer. */
  ask(question: Omit<ConfirmRequest, 'resolve' | 'cancelLabel'> & { cancelLabel?: string }): Promise<boolean>;
  answer(answer: boolean): void;
}

export const useUiStore = create<UiState>((set, get) => ({
  overlay: 'none',
  confirm: null,
  queueOpen: false,
  toggleQueue(open) {
    set((s) => ({ queueOpen: open ?? !s.queueOpen }));
  },
  open(overlay) {
    set({ overlay });
  },
  close() {
    set({ overlay: 'none' });
  },
  ask(question) {
    get().confirm?.resolve(false);
    return new Promise<boolean>((resolve) => set({ confirm: { cancelLabel: 'Cancel', ...question, resolve } }));
  },
  answer(answer) {
    get().confirm?.resolve(answer);
    set({ confirm: null });
  },
}));
