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
  /** The queue panel folded away to give the gallery the room (View menu, or its own button). */
  queueHidden: boolean;
  toggleQueue(): void;
  open(overlay: Overlay): void;
  close(): void;
  /** Asks the artist a yes/no question in a dialog; resolves with the answer. */
  ask(question: Omit<ConfirmRequest, 'resolve' | 'cancelLabel'> & { cancelLabel?: string }): Promise<boolean>;
  answer(answer: boolean): void;
}

export const useUiStore = create<UiState>((set, get) => ({
  overlay: 'none',
  confirm: null,
  queueHidden: false,
  toggleQueue() {
    set((s) => ({ queueHidden: !s.queueHidden }));
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
