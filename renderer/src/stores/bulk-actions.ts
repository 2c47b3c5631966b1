/**
 * Actions over a selection of everything a search matches (Ctrl/Cmd+A): sent as the search, with
 * one undo for the whole action (its toast and Ctrl/Cmd+Z). The grid and the count are read again
 * after, since the core does not push 100,000 changed generations one by one.
 */
import type { BulkActionInput, BulkResult, QuerySelectionInput } from '../../../shared/bulk.ts';
import { api } from '../api.ts';
import { count } from '../lib/format.ts';
import { useGalleryStore } from './gallery-store.ts';
import { useSelectionStore } from './selection-store.ts';
import { toastError, useToastStore } from './toast-store.ts';
import { refusedUndo } from './undo-actions.ts';

/** What a caller adds: the collection's name for the toast, and what else to read again after the action and its undo. */
export interface BulkOptions {
  collection?: string;
  after?: () => Promise<void>;
}

/** What the toast says an action did. */
function describe(action: BulkActionInput, result: BulkResult, collection = 'the collection'): string {
  const generations = count(result.generations, 'generation');
  switch (action.kind) {
    case 'favorite':
      return `${action.favorite ? 'Favorited' : 'Unfavorited'} ${generations}`;
    case 'rate':
      return action.rating === null ? `Cleared the rating of ${generations}` : `Rated ${generations} ${count(action.rating, 'star')}`;
    case 'reject':
      return `${action.rejected ? 'Rejected' : 'Kept'} ${generations}`;
    case 'delete':
      return `Deleted ${generations}`;
    case 'tag':
      return `Tagged ${count(result.changed, 'generation')} “${action.name.trim()}”`;
    case 'untag':
      return `Removed tag “${action.name.trim()}” from ${count(result.changed, 'generation')}`;
    case 'file':
      return `Added ${count(result.changed, 'image')} to ${collection === 'the collection' ? collection : `“${collection}”`}`;
    case 'unfile':
      return `Removed ${count(result.changed, 'image')} from ${collection === 'the collection' ? collection : `“${collection}”`}`;
  }
}

/** The grid and the selection's count as the core has them now, and whatever the caller shows. */
async function showTruth(options: BulkOptions): Promise<void> {
  await useGalleryStore.getState().refresh();
  await options.after?.();
  await useSelectionStore.getState().recount();
}

/** Runs one action over the whole selection and offers its undo; false when the core refused it (the toast says why). */
export async function actOnEverything(selection: QuerySelectionInput, action: BulkActionInput, options: BulkOptions = {}): Promise<boolean> {
  const result = await api.invoke('bulk:apply', { selection, action });
  if (!result.ok) {
    toastError(result.error.message);
    return false;
  }
  await showTruth(options);
  useToastStore.getState().offerUndo(describe(action, result.value, options.collection), async () => {
    const undone = await api.invoke('bulk:undo', { undoId: result.value.undoId });
    if (!undone.ok) return refusedUndo(undone.error);
    await showTruth(options);
  }, result.value.undoId);
  return true;
}
