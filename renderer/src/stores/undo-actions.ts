/**
 * Taking back a change the core keeps in the library (`undo:run`): deletes, tags, collections,
 * curation, and renames and deletes of collections, tags and saved searches. The library holds the history, so after a start or a reload of the page Ctrl/Cmd+Z
 * still reaches the changes made before (`restoreUndoStack`).
 */
import type { UndoOutcome } from '../../../shared/image-curation.ts';
import type { AppError, ErrorCode } from '../../../shared/result.ts';
import { api } from '../api.ts';
import { collectionQuery } from '../lib/filing.ts';
import { applyEverywhere } from './fresh-copies.ts';
import { useGalleryStore } from './gallery-store.ts';
import { toastError, useToastStore, type UndoEnd } from './toast-store.ts';

/**
 * Refusals the artist can clear, after which the same undo goes through: a newer change to undo
 * first or a name to free (`conflict`), the library busy, read-only or its disk full for now, the
 * preview's link to its host dropped. Its step stays on the stack for the next Ctrl/Cmd+Z.
 */
const PASSING: readonly ErrorCode[] = ['conflict', 'library_error', 'library_in_use', 'library_not_writable', 'disk_full', 'api_unreachable'];

/**
 * Says why the core refused an undo. One the artist can clear leaves its step on the stack; any
 * other (the step gone, undone already or too far back, or unreadable) takes it off, so an undo
 * that can never go through does not hold back every older change.
 */
export function refusedUndo(error: AppError): UndoEnd {
  toastError(error.message);
  return PASSING.includes(error.code) ? 'refused' : 'gone';
}

/** A gallery showing a collection whose name the undo gave back shows it under that name. */
function followName(named: UndoOutcome['named']): void {
  if (named?.what !== 'collection' || named.was === null) return;
  const gallery = useGalleryStore.getState();
  if (gallery.query.text === collectionQuery(named.was)) useGalleryStore.setState({ query: { ...gallery.query, text: collectionQuery(named.now) } });
}

/** Undoes one kept change and shows the library as it is after; when the core refused, says why (`refusedUndo`). */
export async function undoInCore(undoId: number, after?: () => Promise<unknown> | void): Promise<UndoEnd> {
  const undone = await api.invoke('undo:run', { undoId });
  if (!undone.ok) return refusedUndo(undone.error);
  followName(undone.value.named);
  for (const generation of undone.value.generations) {
    applyEverywhere(generation);
  }
  const gallery = useGalleryStore.getState();
  if (undone.value.reload || gallery.missesUndone(undone.value.generations)) await gallery.refresh();
  await after?.();
  return 'undone';
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
    const end = await undoInCore(undoId, after);
    if (end === 'undone') useToastStore.getState().show('Undone');
    return end;
  });
}
