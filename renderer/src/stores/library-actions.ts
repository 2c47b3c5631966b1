/**
 * What an artist does to a finished generation. Each touches several stores (gallery,
 * detail, queue, toasts), so they live here rather than in any one of them.
 */
import type { Generation } from '../../../shared/generation.ts';
import { api } from '../api.ts';
import { count } from '../lib/format.ts';
import { useDetailStore } from './detail-store.ts';
import { useGalleryStore } from './gallery-store.ts';
import { useQueueStore } from './queue-store.ts';
import { useSelectionStore } from './selection-store.ts';
import { withStackMembers } from './stack-actions.ts';
import { toastError, useToastStore } from './toast-store.ts';
import { undoInCore } from './undo-actions.ts';

/** The loaded generations of the multi-selection, in gallery order. */
export function selectedGenerations(): Generation[] {
  const { ids } = useSelectionStore.getState();
  return useGalleryStore.getState().items.filter((g) => ids.has(g.id));
}

export async function deleteGeneration(generation: Generation): Promise<void> {
  await deleteGenerations([generation]);
}

/** Moves generations to the trash and offers one "Undo" for all of them (the toast and Ctrl/Cmd+Z). */
export async function deleteGenerations(generations: Generation[]): Promise<void> {
  await deleteIds(generations.map((g) => g.id));
}

/** Deletes the selection: with every member of the collapsed stacks in it, as the selection bar says. */
export async function deleteSelection(): Promise<void> {
  const ids = await withStackMembers(selectedGenerations().map((g) => g.id));
  if (ids !== null) await deleteIds(ids);
}

async function deleteIds(ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const gone = new Set(ids);
  const at = useGalleryStore.getState().items.findIndex((g) => gone.has(g.id));
  const result = await api.invoke('library:delete', { ids });
  if (!result.ok) return toastError(result.error.message);
  useGalleryStore.getState().removeIds(ids);
  useSelectionStore.getState().clear();
  // Read the detail view only now: the artist may have closed it while the delete was on its way.
  const detail = useDetailStore.getState();
  // Land on the neighbour so culling can go on from the keyboard.
  const after = useGalleryStore.getState().items;
  const neighbour = after[Math.min(at === -1 ? 0 : at, after.length - 1)];
  if (detail.open && gone.has(detail.open.id)) {
    if (neighbour) void detail.show(neighbour.id, 0);
    else detail.close();
  }
  detail.select(neighbour ? { id: neighbour.id, index: 0 } : null);
  const message = ids.length === 1 ? 'Deleted' : `Deleted ${count(ids.length, 'generation')}`;
  const { undoId } = result.value;
  if (undoId === null) return;
  useToastStore.getState().offerUndo(
    message,
    async () => {
      const end = await undoInCore(undoId);
      if (end !== 'undone') return end;
      const [first] = ids;
      if (first !== undefined) useDetailStore.getState().select({ id: first, index: 0 });
      // What was deleted together comes back selected, ready for the next try.
      if (ids.length > 1) useSelectionStore.getState().restore(ids);
    },
    undoId,
  );
}

export async function rerun(generation: Generation, seed: 'same' | 'new'): Promise<void> {
  const result = await api.invoke('generation:rerun', { id: generation.id, seed });
  if (!result.ok) return toastError(result.error.message);
  useQueueStore.getState().apply(result.value);
  useDetailStore.getState().applyGeneration(result.value);
  useToastStore.getState().show(seed === 'same' ? 'Rerun queued with the same seed' : 'Rerun queued with a new seed');
}

export async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    useToastStore.getState().show(`${what} copied`);
  } catch {
    toastError(`Could not copy the ${what.toLowerCase()}: the clipboard is not available.`);
  }
}
