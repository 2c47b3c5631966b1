import { create } from 'zustand';
import { useGalleryStore } from './gallery-store.ts';

/**
 * The gallery's multi-selection, by generation id so it survives endless scrolling and the
 * layout switch. It is exactly the tiles that show a checkmark; the current tile (detail-store's
 * `selected`, the focus ring) is a separate thing and joins only when picked, so Ctrl/Cmd+clicking
 * two tiles always makes two.
 */
interface SelectionState {
  ids: ReadonlySet<number>;
  /** Where Shift+click and Shift+arrows measure a range from; null means the current tile. */
  anchor: number | null;
  /** Ctrl/Cmd+click: adds or removes `id`. */
  toggle(id: number): void;
  /** Shift+click, Shift+arrows: everything from the anchor (else `current`) to `id`, in gallery order. */
  extendTo(id: number, current: number | null): void;
  selectAll(): void;
  /** Puts back a set of ids (after an undo), keeping only those loaded. */
  restore(ids: number[]): void;
  clear(): void;
}

const none: ReadonlySet<number> = new Set();

function settle(ids: Set<number>, anchor: number | null): Pick<SelectionState, 'ids' | 'anchor'> {
  return ids.size === 0 ? { ids: none, anchor: null } : { ids, anchor };
}

function loadedIds(): number[] {
  return useGalleryStore.getState().items.map((g) => g.id);
}

export const useSelectionStore = create<SelectionState>((set, get) => ({
  ids: none,
  anchor: null,
  toggle(id) {
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
    set(settle(new Set(loadedIds()), get().anchor));
  },
  restore(ids) {
    const loaded = new Set(loadedIds());
    set(settle(new Set(ids.filter((id) => loaded.has(id))), null));
  },
  clear() {
    if (get().ids.size > 0) set({ ids: none, anchor: null });
  },
}));

// A new search or filter clears the selection, so nothing out of sight is acted on; ids that
// leave the loaded items (deleted, gone from the results) leave the selection with them.
useGalleryStore.subscribe((gallery, before) => {
  const selection = useSelectionStore.getState();
  if (selection.ids.size === 0) return;
  if (gallery.query !== before.query) return selection.clear();
  if (gallery.items === before.items) return;
  const loaded = new Set(gallery.items.map((g) => g.id));
  const kept = [...selection.ids].filter((id) => loaded.has(id));
  if (kept.length !== selection.ids.size) useSelectionStore.setState(settle(new Set(kept), selection.anchor !== null && loaded.has(selection.anchor) ? selection.anchor : null));
});
