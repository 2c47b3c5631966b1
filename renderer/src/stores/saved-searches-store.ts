/** Saved searches in the sidebar: save the gallery's query under a name, apply, rename, delete (with the core's undo). */
import { create } from 'zustand';
import type { SavedSearch } from '../../../shared/curation.ts';
import { api } from '../api.ts';
import { useGalleryStore } from './gallery-store.ts';
import { toastError, useToastStore, type UndoEnd } from './toast-store.ts';
import { undoInCore } from './undo-actions.ts';

interface SavedSearchesState {
  searches: SavedSearch[];
  load(): Promise<void>;
  /** Saves the gallery's current query and layout; false after saying why not. */
  save(name: string): Promise<boolean>;
  rename(search: SavedSearch, name: string): Promise<boolean>;
  remove(search: SavedSearch): Promise<void>;
  apply(search: SavedSearch): void;
}

export const useSavedSearchesStore = create<SavedSearchesState>((set, get) => ({
  searches: [],
  async load() {
    const result = await api.invoke('searches:list');
    if (!result.ok) return toastError(result.error.message);
    set({ searches: result.value });
  },
  async save(name) {
    const { query, layout } = useGalleryStore.getState();
    const result = await api.invoke('searches:save', { name, query: query.text, filters: { layout } });
    if (!result.ok) {
      toastError(result.error.message);
      return false;
    }
    await get().load();
    useToastStore.getState().show(`Saved search “${result.value.name}”`);
    return true;
  },
  async rename(search, name) {
    if (name === search.name) return true;
    const result = await api.invoke('searches:rename', { id: search.id, name });
    if (!result.ok) {
      toastError(result.error.message);
      return false;
    }
    await get().load();
    // the core keeps the undo, so it survives a restart and takes its turn among every other change
    const { undoId } = result.value;
    if (undoId !== null) useToastStore.getState().offerUndo(`Renamed to “${name}”`, () => undoNaming(undoId), undoId);
    return true;
  },
  async remove(search) {
    const result = await api.invoke('searches:delete', { id: search.id });
    if (!result.ok) return toastError(result.error.message);
    await get().load();
    const { search: gone, undoId } = result.value;
    useToastStore.getState().offerUndo(`Deleted saved search “${gone.name}”`, () => undoNaming(undoId), undoId);
  },
  apply(search) {
    const layout = search.filters.layout;
    const gallery = useGalleryStore.getState();
    if (layout === 'generations' || layout === 'images') gallery.setLayout(layout);
    useGalleryStore.setState((s) => ({ query: { ...s.query, text: search.query } }));
    void useGalleryStore.getState().refresh();
  },
}));

/** The undo of a rename or a delete, which the core keeps: the sidebar reads the saved searches again. */
function undoNaming(undoId: number): Promise<UndoEnd> {
  return undoInCore(undoId, () => useSavedSearchesStore.getState().load());
}
