/**
 * Taking back a change the core keeps in the library (`undo:run`): deletes, tags, collections and
 * curation. The library holds the history, so after a start or a reload of the page Ctrl/Cmd+Z
 * still reaches the changes made before (`restoreUndoStack`).
 */
import { api } from '../api.ts';
import { useDetailStore } from './detail-store.ts';
import { useGalleryStore } from './gallery-store.ts';
import { toastError, useToastStore } from './toast-store.ts';

/** Undoes one kept change and shows the library as it is after; false (with the reason said) when the core refused. */
export async function undoInCore(undoId: number, after?: () => Promise<unknown> | void): Promise<boolean> {
  const undone = await api.invoke('undo:run', { undoId });
  if (!undone.ok) {
    toastError(undone.error.message);
    return false;
  }
  for (const generation of undone.value.generations) {
    useGalleryStore.getState().applyGeneration(generation);
    useDetailStore.getState().applyGeneration(generation);
  }
  if (undone.value.reload) await useGalleryStore.getState().refresh();
  await after?.();
  return true;
}

/**
 * Puts the core's kept changes under the undo stack (those it does not hold already); `after` reads
 * again what any change may have touched beside the grid (collections, stats), since such a step
 * comes with no toast and no caller of its own.
 */
export async function restoreUndoStack(after: () => Promise<unknown>): Promise<void> {
  const kept = await api.invoke('undo:list');
  if (!kept.ok) return;
  useToastStore.getState().keepCoreUndos(kept.value.undoIds, (undoId) => async () => {
    if (await undoInCore(undoId, after)) useToastStore.getState().show('Undone');
  });
}
