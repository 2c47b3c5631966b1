import { create } from 'zustand';
import type { QueuePause } from '../../../shared/contract.ts';
import type { Generation } from '../../../shared/generation.ts';
import { belongsInQueue } from '../../../shared/queue-rule.ts';
import { api } from '../api.ts';
import { toastError } from './toast-store.ts';

interface QueueState {
  /** Runs the queue rule keeps: unfinished, outcome unknown, recently failed. */
  items: Generation[];
  /**
   * Runs that finished while the feed showed them: they keep their tile, in place, until the
   * gallery reloads (the artist searches, sorts, starts the app), so nothing moves when one lands.
   */
  landed: Generation[];
  paused: QueuePause | null;
  concurrency: number;
  loaded: boolean;
  /** Ids dismissed here, so a late push about them does not bring them back. */
  dismissed: Set<number>;
  load(): Promise<void>;
  /** A generation changed (push or an answer): keep it while unfinished or needing a decision. */
  apply(generation: Generation): void;
  setPause(paused: QueuePause | null, concurrency: number): void;
  /** The gallery reloaded: landed runs take their place in it. */
  clearLanded(): void;
  /** Generations deleted from the library leave the feed too. */
  forget(ids: number[]): void;
  retry(id: number): Promise<void>;
  cancel(id: number): Promise<void>;
  dismiss(id: number): Promise<void>;
  resume(): Promise<void>;
  /** Fetches one image that was not saved again (its slot's "Retry download"). */
  retryDownload(id: number, index: number): Promise<void>;
  /** Asks the API about a running generation now rather than at the next (slow) poll. */
  checkNow(id: number): Promise<void>;
}

export const useQueueStore = create<QueueState>((set, get) => ({
  items: [],
  landed: [],
  paused: null,
  concurrency: 1,
  loaded: false,
  dismissed: new Set(),
  async load() {
    const result = await api.invoke('queue:get');
    if (!result.ok) return;
    set({ items: result.value.items, paused: result.value.paused, concurrency: result.value.concurrency, loaded: true });
  },
  apply(generation) {
    set((s) => {
      const others = s.items.filter((g) => g.id !== generation.id);
      const keep = belongsInQueue(generation, Date.now()) && !s.dismissed.has(generation.id);
      if (!keep) {
        const shown = others.length !== s.items.length || s.landed.some((g) => g.id === generation.id);
        if (generation.status === 'done' && shown) return { items: others, landed: [...s.landed.filter((g) => g.id !== generation.id), generation] };
        return others.length === s.items.length ? s : { items: others };
      }
      const index = s.items.findIndex((g) => g.id === generation.id);
      if (index === -1) return { items: [...s.items, generation] };
      const items = [...s.items];
      items[index] = generation;
      return { items };
    });
  },
  setPause(paused, concurrency) {
    set({ paused, concurrency });
  },
  clearLanded() {
    set((s) => (s.landed.length === 0 ? s : { landed: [] }));
  },
  forget(ids) {
    const gone = new Set(ids);
    set((s) => ({ items: s.items.filter((g) => !gone.has(g.id)), landed: s.landed.filter((g) => !gone.has(g.id)) }));
  },
  async retry(id) {
    const result = await api.invoke('generation:retry', { id });
    if (!result.ok) return toastError(result.error.message);
    // The old run is settled by the new try (a new generation linked to it), which takes its place.
    if (result.value.id !== id) set((s) => ({ dismissed: new Set(s.dismissed).add(id), items: s.items.filter((g) => g.id !== id) }));
    get().apply(result.value);
  },
  async cancel(id) {
    const result = await api.invoke('generation:cancel', { id });
    if (!result.ok) return toastError(result.error.message);
    get().apply(result.value);
  },
  async dismiss(id) {
    const result = await api.invoke('generation:dismiss', { id });
    if (!result.ok) return toastError(result.error.message);
    set((s) => ({ dismissed: new Set(s.dismissed).add(id), items: s.items.filter((g) => g.id !== id) }));
  },
  async retryDownload(id, index) {
    const result = await api.invoke('image:retryDownload', { generationId: id, index });
    if (!result.ok) return toastError(result.error.message);
    get().apply(result.value);
  },
  async checkNow(id) {
    const result = await api.invoke('generation:checkNow', { id });
    if (!result.ok) toastError(result.error.message);
  },
  async resume() {
    const result = await api.invoke('queue:resume');
    if (!result.ok) return toastError(result.error.message);
    set({ items: result.value.items.filter((g) => !get().dismissed.has(g.id)), paused: result.value.paused, concurrency: result.value.concurrency });
  },
}));

/** The feed's runs newest first, as the gallery reads (ids grow with time): live ones and landed ones, each in its place. */
export function feedRuns(items: readonly Generation[], landed: readonly Generation[]): Generation[] {
  return [...items, ...landed].sort((a, b) => b.id - a.id);
}
