import { create } from 'zustand';
import type { QuerySelectionInput } from '../../../shared/bulk.ts';
import { api } from '../api.ts';
import { shownSearch, useGalleryStore } from './gallery-store.ts';

/**
 * Ctrl/Cmd+A: everything the gallery's search matches, loaded or not, minus the tiles unticked
 * since. The core acts on the search itself, so a selection of 100,000 never becomes a list.
 */
export interface Everything {
  /** Exactly what the gallery sent for the shown pages (text, statuses, "Hide rejected", the clock). */
  search: QuerySelectionInput['search'];
  /** Tiles unticked after Ctrl/Cmd+A. */
  except: ReadonlySet<number>;
  /** How many generations the search matches, as the core counted them; null while it counts. */
  total: number | null;
}

/**
 * The gallery's multi-selection, by generation id so it survives endless scrolling and the
 * layout switch. `ids` is exactly the loaded tiles that show a checkmark; after Ctrl/Cmd+A
 * `everything` also holds the search, so the selection reaches past what is loaded. The current
 * tile (detail-store's `selected`, the focus ring) is a separate thing and joins only when picked,
 * so Ctrl/Cmd+clicking two tiles always makes two.
 */
interface SelectionState {
  ids: ReadonlySet<number>;
  /** Set by Ctrl/Cmd+A until the selection is cleared, replaced by a range, or the search changes. */
  everything: Everything | null;
  /** Where Shift+click and Shift+arrows measure a range from; null means the current tile. */
  anchor: number | null;
  /** Ctrl/Cmd+click: adds or removes `id`. */
  toggle(id: number): void;
  /** Shift+click, Shift+arrows: everything from the anchor (else `current`) to `id`, in gallery order. */
  extendTo(id: number, current: number | null): void;
  /** Ctrl/Cmd+A: everything the search matches; the core's count arrives after. */
  selectAll(): void;
  /** Asks the core again how many the search matches (after an action that may have changed it). */
  recount(): Promise<void>;
  /** Puts back a set of ids (after an undo), keeping only those loaded. */
  restore(ids: number[]): void;
  clear(): void;
}

const none: ReadonlySet<number> = new Set();

function settle(ids: Set<number>, anchor: number | null): Pick<SelectionState, 'ids' | 'anchor' | 'everything'> {
  return ids.size === 0 ? { ids: none, anchor: null, everything: null } : { ids, anchor, everything: null };
}

function loadedIds(): number[] {
  return useGalleryStore.getState().items.map((g) => g.id);
}

/** The loaded tiles an everything-selection ticks: all but the unticked ones. */
const ticked = (except: ReadonlySet<number>) => new Set(loadedIds().filter((id) => !except.has(id)));

/** A search as the selection compares it: the clock and order left out (the same matches either way). */
const sameSearch = (a: QuerySelectionInput['search'], b: QuerySelectionInput['search']) =>
  JSON.stringify({ ...a, now: undefined }) === JSON.stringify({ ...b, now: undefined });

/** How many generations the selection holds; null while the core counts them. */
export function selectionSize(state: Pick<SelectionState, 'ids' | 'everything'>): number | null {
  const { everything } = state;
  if (everything === null) return state.ids.size;
  return everything.total === null ? null : Math.max(0, everything.total - everything.except.size);
}

/** Whether the artist sees a selection (the selection bar is up): two or more tiles, or Ctrl/Cmd+A; one tile is only where they are. */
export function selectionShown(state: Pick<SelectionState, 'ids' | 'everything'>): boolean {
  return state.ids.size > 1 || state.everything !== null;
}

/** The selection as the core takes it for an action over the whole search; null for a selection of tiles. */
export function querySelection(): QuerySelectionInput | null {
  const { everything } = useSelectionStore.getState();
  return everything === null ? null : { search: everything.search, except: [...everything.except] };
}

export const useSelectionStore = create<SelectionState>((set, get) => ({
  ids: none,
  everything: null,
  anchor: null,
  toggle(id) {
    const { everything } = get();
    if (everything !== null) {
      const except = new Set(everything.except);
      if (except.has(id)) except.delete(id);
      else except.add(id);
      set({ everything: { ...everything, except }, ids: ticked(except), anchor: id });
      return;
    }
    const ids = new Set(get().ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    set(settle(ids, id));
  },
  extendTo(id, current) {
    const anchor = get().anchor ?? current ?? id;
    const order = loadedIds();
    const from = order.indexOf(anchor);
    const to = order.indexOf(id);
    if (from === -1 || to === -1) return;
    set(settle(new Set(order.slice(Math.min(from, to), Math.max(from, to) + 1)), anchor));
  },
  selectAll() {
    const { sort: _order, cursor: _cursor, limit: _limit, ...search } = shownSearch();
    set({ everything: { search, except: none, total: null }, ids: ticked(none), anchor: get().anchor });
    void get().recount();
  },
  async recount() {
    const asked = get().everything;
    if (asked === null) return;
    const counted = await api.invoke('library:count', asked.search);
    const now = get().everything;
    // an answer for a selection since cleared or replaced is dropped
    if (now === null || now.search !== asked.search) return;
    set({ everything: { ...now, total: counted.ok ? counted.value.total : null } });
  },
  restore(ids) {
    const loaded = new Set(loadedIds());
    set(settle(new Set(ids.filter((id) => loaded.has(id))), null));
  },
  clear() {
    if (get().ids.size > 0 || get().everything !== null) set({ ids: none, anchor: null, everything: null });
  },
}));

// A new search or filter clears the selection, so nothing out of sight is acted on; ids that
// leave the loaded items (deleted, gone from the results) leave the selection with them. After
// Ctrl/Cmd+A, tiles loaded later are selected too, unless the gallery now shows another search.
useGalleryStore.subscribe((gallery, before) => {
  const selection = useSelectionStore.getState();
  if (selection.ids.size === 0 && selection.everything === null) return;
  if (gallery.query !== before.query) return selection.clear();
  const { everything } = selection;
  if (everything !== null) {
    // "Hide rejected" switched: the same text, another search
    const { sort: _order, cursor: _cursor, limit: _limit, ...search } = shownSearch();
    if (!sameSearch(search, everything.search)) return selection.clear();
    if (gallery.items !== before.items) useSelectionStore.setState({ ids: ticked(everything.except) });
    return;
  }
  if (gallery.items === before.items) return;
  const loaded = new Set(gallery.items.map((g) => g.id));
  const kept = [...selection.ids].filter((id) => loaded.has(id));
  if (kept.length !== selection.ids.size) useSelectionStore.setState(settle(new Set(kept), selection.anchor !== null && loaded.has(selection.anchor) ? selection.anchor : null));
});
