/**
 * Taking back a change the core keeps in the library (`undo:run`): deletes, tags, collections,
 * curation, and renames and deletes of collections, tags and saved searches. The library holds the history, so after a start or a reload of the page Ctrl/Cmd+Z
 * still reaches the changes made before (`restoreUndoStack`).
 */
import type { UndoOutcome } from '../../../shared/image-curation.ts';
import { api } from '../api.ts';
import { collectionQuery } from '../lib/filing.ts';
import { useDetailStore } from './detail-store.ts';
import { useGalleryStore } from './gallery-store.ts';
import { toastError, useToastStore } from './toast-store.ts';

/** A gallery showing a collection whose name the undo gave back shows it under that name. */
function followName(named: UndoOutcome['named']): void {
  if (named?.what !== 'collection' || named.was === null) return;
  const gallery = useGalleryStore.getState();
  if (gallery.query.text === collectionQuery(named.was)) useGalleryStore.setState({ query: { ...gallery.query, text: collectionQuery(named.now) } });
}

/** Undoes one kept change and shows the library as it is after; false (with the reason said) when the core refused. */
export async function undoInCore(undoId: number, after?: () => Promise<unknown> | void): Promise<boolean> {
  const undone = await api.invoke('undo:run', { undoId });
  if (!undone.ok) {
    toastError(undone.error.message);
    return false;
  }
  followName(undone.value.named);
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
 * again what any change may have touched beside the grid (collections, saved searches, stats), since such a step
 * comes with no toast and no caller of its own.
 */
export async function restoreUndoStack(after: () => Promise<unknown>): Promise<void> {
  const kept = await api.invoke('undo:list');
  if (!kept.ok) return;
  useToastStore.getState().keepCoreUndos(kept.value.undoIds, (undoId) => async () => {
    if (await undoInCore(undoId, after)) useToastStore.getState().show('Undone');
  });
}
