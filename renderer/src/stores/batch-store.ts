import { create } from 'zustand';
import type { BatchView } from '../../../shared/contract.ts';
import type { Generation } from '../../../shared/generation.ts';
import { api } from '../api.ts';
import { openSweepIfLanded } from './sweep-grid-actions.ts';
import { useToastStore } from './toast-store.ts';

interface BatchState {
  /** The last batch sent from the generate panel, its runs kept current by push events. */
  current: BatchView | null;
  cancelling: boolean;
  show(view: BatchView): void;
  /** A run changed: update it if it belongs to the batch shown. */
  applyGeneration(generation: Generation): void;
  /** Cancels the runs not yet sent; those already sent go on. */
  cancel(): Promise<void>;
  close(): void;
}

export const useBatchStore = create<BatchState>((set, get) => ({
  current: null,
  cancelling: false,
  show(current) {
    set({ current });
  },
  applyGeneration(generation) {
    const current = get().current;
    if (!current?.runs.some((run) => run.id === generation.id)) return;
    const next = { ...current, runs: current.runs.map((run) => (run.id === generation.id ? generation : run)) };
    set({ current: next });
    openSweepIfLanded(current, next);
  },
  async cancel() {
    const current = get().current;
    if (!current || get().cancelling) return;
    set({ cancelling: true });
    const result = await api.invoke('batch:cancel', { id: current.batch.id });
    set({ cancelling: false });
    if (!result.ok) {
      useToastStore.getState().show(result.error.message);
      return;
    }
    set({ current: result.value });
  },
  close() {
    set({ current: null });
  },
}));
