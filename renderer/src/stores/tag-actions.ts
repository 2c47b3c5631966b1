/** Tagging generations: add and remove with one undo each, rename everywhere, autocomplete. */
import type { Tag } from '../../../shared/curation.ts';
import { api } from '../api.ts';
import { count } from '../lib/format.ts';
import { useGalleryStore } from './gallery-store.ts';
import { toastError, useToastStore, type UndoEnd } from './toast-store.ts';
import { undoInCore } from './undo-actions.ts';

/** Tags starting with what was typed, for the "Add tag" suggestions; empty when the library cannot answer. */
export async function suggestTags(prefix: string): Promise<Tag[]> {
  const result = await api.invoke('tags:list', { prefix: prefix.trim(), limit: 8 });
  return result.ok ? result.value : [];
}

export async function tagsOf(id: number): Promise<Tag[]> {
  const result = await api.invoke('tags:of', { id });
  return result.ok ? result.value : [];
}

/** A tagged or untagged generation may enter or leave a shown `tag:` query. */
function refreshIfTagQuery(): void {
  if (/\btag:/iu.test(useGalleryStore.getState().query.text)) void useGalleryStore.getState().refresh();
}

/** Takes back a tag put on or taken off, or a rename (the core keeps the step; its answer reloads the grid), then tells `changed`. */
function undoTagging(undoId: number, changed: () => void): Promise<UndoEnd> {
  return undoInCore(undoId, changed);
}

/** Puts `name` on the generations; `changed` is told when it (or its undo) lands. */
export async function addTag(ids: number[], name: string, changed: () => void = () => undefined): Promise<boolean> {
  const result = await api.invoke('tags:add', { ids, name });
  if (!result.ok) {
    toastError(result.error.message);
    return false;
  }
  changed();
  refreshIfTagQuery();
  const { ids: tagged, undoId } = result.value;
  if (tagged.length === 0 || undoId === null) return true;
  const what = ids.length === 1 ? '' : ` ${count(tagged.length, 'generation')}`;
  useToastStore.getState().offerUndo(`Tagged${what} “${name.trim()}”`, () => undoTagging(undoId, changed), undoId);
  return true;
}

export async function removeTag(ids: number[], name: string, changed: () => void = () => undefined): Promise<void> {
  const result = await api.invoke('tags:remove', { ids, name });
  if (!result.ok) return toastError(result.error.message);
  changed();
  refreshIfTagQuery();
  const { ids: untagged, undoId } = result.value;
  if (untagged.length === 0 || undoId === null) return;
  useToastStore.getState().offerUndo(`Removed tag “${name}”`, () => undoTagging(undoId, changed), undoId);
}

/** Renames a tag on every generation that carries it, with an undo; false after saying why not. */
export async function renameTag(from: string, to: string, changed: () => void = () => undefined): Promise<boolean> {
  if (from === to) return true;
  const result = await api.invoke('tags:rename', { from, to });
  if (!result.ok) {
    toastError(result.error.message);
    return false;
  }
  changed();
  refreshIfTagQuery();
  // the core keeps the undo, so it survives a restart and takes its turn among every other change
  const { undoId } = result.value;
  if (undoId !== null) useToastStore.getState().offerUndo(`Renamed tag “${from}” to “${to}” everywhere`, () => undoTagging(undoId, changed), undoId);
  return true;
}
