import { create } from 'zustand';
import type { QuerySelectionInput } from '../../../shared/bulk.ts';
import type { ImageRef } from '../../../shared/curation.ts';
import type { Generation, ImageInfo } from '../../../shared/generation.ts';
import { api } from '../api.ts';
import { gallerySpots, useDetailStore, type Spot } from './detail-store.ts';
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

/** One picked image of the single-image layout, as a key ("12:3": generation 12, image 3). */
export const imageKey = (spot: Spot): string => `${spot.id}:${spot.index}`;

/** An `imageKey` read back. */
function spotOf(key: string): Spot {
  const [id = 0, index = 0] = key.split(':').map(Number);
  return { id, index };
}

/**
 * The gallery's multi-selection, by generation id so it survives endless scrolling. In the
 * single-image layout it picks images (`images`), so two images of one generation can be picked
 * (Compare takes them); `ids` then holds their generations. `ids` is exactly the loaded tiles'
 * generations that show a checkmark; after Ctrl/Cmd+A `everything` also holds the search, so the
 * selection reaches past what is loaded (whole generations, in either layout). The current tile
 * (detail-store's `selected`, the focus ring) is a separate thing and joins only when picked, so
 * Ctrl/Cmd+clicking two tiles always makes two. Picks made in the detail view's strip on a
 * generation no loaded tile shows (opened from a lineage link, the gallery filtered meanwhile) are
 * kept through `outside` and acted on like the others.
 */
interface SelectionState {
  ids: ReadonlySet<number>;
  /** The picked images (`imageKey`): picked in the single-image layout or the detail view's strip; empty for whole generations and after Ctrl/Cmd+A. */
  images: ReadonlySet<string>;
  /** Set by Ctrl/Cmd+A until the selection is cleared, replaced by a range, or the search changes. */
  everything: Everything | null;
  /**
   * The picked generations that were not among the gallery's loaded tiles when picked (in the
   * detail view), as the detail view last showed them, in the order picked: their picks stay until
   * unpicked or cleared, whatever the gallery loads, since no tile could show them leaving.
   */
  outside: ReadonlyMap<number, Generation>;
  /** Where Shift+click and Shift+arrows measure a range from; null means the current tile. */
  anchor: Spot | null;
  /**
   * Ctrl/Cmd+click: adds or removes the tile at `spot`: its image in the single-image layout (or
   * `image` true: the detail view's strip), else its generation. Picks of the other kind become
   * this kind first (generations all their images, images their generations).
   */
  toggle(spot: Spot, image?: boolean): void;
  /** Shift+click, Shift+arrows: every tile from the anchor (else `current`) to `to`, in gallery order. */
  extendTo(to: Spot, current: Spot | null): void;
  /** Ctrl/Cmd+A: everything the search matches; the core's count arrives after. */
  selectAll(): void;
  /** Asks the core again how many the search matches (after an action that may have changed it). */
  recount(): Promise<void>;
  /** Puts back a set of ids (after an undo), keeping only those loaded. */
  restore(ids: number[]): void;
  /**
   * A generation as the core has it now (a push, a curation's answer): a remembered `outside` copy
   * becomes it, and its picked images stay on the same images when one before them was deleted.
   */
  applyGeneration(generation: Generation): void;
  /** Generations that left the library (deleted, purged): their picks go, loaded or not. */
  forget(ids: readonly number[]): void;
  clear(): void;
}

const none: ReadonlySet<number> = new Set();
const noImages: ReadonlySet<string> = new Set();
const noOutside: ReadonlyMap<number, Generation> = new Map();

const picksImages = (): boolean => useGalleryStore.getState().layout === 'images';

/** A selection of these spots: images (`images` true), else generations; of `outside`, the generations still picked. */
function settle(
  spots: readonly Spot[], anchor: Spot | null, images = picksImages(), outside = useSelectionStore.getState().outside,
): Pick<SelectionState, 'ids' | 'images' | 'anchor' | 'everything' | 'outside'> {
  if (spots.length === 0) return { ids: none, images: noImages, anchor: null, everything: null, outside: noOutside };
  const ids = new Set(spots.map((spot) => spot.id));
  const kept = new Map([...outside].filter(([id]) => ids.has(id)));
  return { ids, images: images ? new Set(spots.map(imageKey)) : noImages, anchor, everything: null, outside: kept.size === 0 ? noOutside : kept };
}

/** The tiles shown now, in gallery order (one per generation, or one per image). */
const shownSpots = (): Spot[] => gallerySpots(useGalleryStore.getState().items, useGalleryStore.getState().layout);

/** The loaded images or generations in gallery order, whatever the layout. */
const spotsOf = (images: boolean): Spot[] => gallerySpots(useGalleryStore.getState().items, images ? 'images' : 'generations');

/** Every image of a generation as spots (one spot when it has none yet), as the detail view's strip shows them. */
const allImages = (g: Generation): Spot[] => (g.images.length === 0 ? [{ id: g.id, index: 0 }] : g.images.map((_, index) => ({ id: g.id, index })));

/**
 * What a selection holds now as spots of the kind asked for (a generation's are all its images):
 * the loaded ones in gallery order, then those of `outside` generations no loaded tile shows, in
 * the order picked.
 */
function pickedSpots(state: Pick<SelectionState, 'ids' | 'images' | 'outside'>, images = state.images.size > 0): Spot[] {
  const loaded = new Set(loadedIds());
  const away = [...state.outside.values()].filter((g) => !loaded.has(g.id));
  if (state.images.size > 0) {
    const picked = spotsOf(true).filter((spot) => state.images.has(imageKey(spot)));
    const unseen = [...state.images].map(spotOf).filter((spot) => !loaded.has(spot.id) && state.outside.has(spot.id));
    if (images) return [...picked, ...unseen];
    const ids = new Set([...picked, ...unseen].map((spot) => spot.id));
    return [...spotsOf(false).filter((spot) => ids.has(spot.id)), ...away.filter((g) => ids.has(g.id)).map((g) => ({ id: g.id, index: 0 }))];
  }
  const unseen = away.filter((g) => state.ids.has(g.id)).flatMap((g) => (images ? allImages(g) : [{ id: g.id, index: 0 }]));
  return [...spotsOf(images).filter((spot) => state.ids.has(spot.id)), ...unseen];
}

/**
 * Picks of `after`'s images where they were in `before` (keys hold places in the strip): a deleted
 * image shifts the ones after it, and the picks follow their images; a picked image deleted goes.
 */
function followImages(images: ReadonlySet<string>, before: Generation, after: Generation): ReadonlySet<string> {
  // a rating or a favourite changes no image's place: only a deleted (or added) image moves picks
  const samePlaces = before.images.length === after.images.length && before.images.every((image, place) => after.images[place]?.index === image.index);
  if (samePlaces) return images;
  let moved = false;
  const followed = new Set<string>();
  for (const key of images) {
    const spot = spotOf(key);
    if (spot.id !== after.id) {
      followed.add(key);
      continue;
    }
    const number = before.images[spot.index]?.index;
    // a generation that had no images yet is picked whole (place 0): it stays picked
    const place = number === undefined ? spot.index : after.images.findIndex((image) => image.index === number);
    if (place !== spot.index) moved = true;
    if (place !== -1) followed.add(imageKey({ id: after.id, index: place }));
  }
  return moved ? followed : images;
}

/** Picked images of loaded tiles, following their images across the gallery's change from `before` to `after`. */
function followLoaded(selection: Pick<SelectionState, 'ids' | 'images'>, before: readonly Generation[], after: readonly Generation[]): ReadonlySet<string> {
  if (selection.images.size === 0) return selection.images;
  const was = new Map(before.filter((g) => selection.ids.has(g.id)).map((g) => [g.id, g]));
  return after.reduce((picks, g) => {
    const old = was.get(g.id);
    return old === undefined || old === g ? picks : followImages(picks, old, g);
  }, selection.images);
}

function loadedIds(): number[] {
  return useGalleryStore.getState().items.map((g) => g.id);
}

/** The loaded tiles an everything-selection ticks: all but the unticked ones. */
const ticked = (except: ReadonlySet<number>) => new Set(loadedIds().filter((id) => !except.has(id)));

/** A search as the selection compares it: the clock and order left out (the same matches either way). */
const sameSearch = (a: QuerySelectionInput['search'], b: QuerySelectionInput['search']) =>
  JSON.stringify({ ...a, now: undefined }) === JSON.stringify({ ...b, now: undefined });

/** How many the selection holds (images when it picks images, else generations); null while the core counts them. */
export function selectionSize(state: Pick<SelectionState, 'ids' | 'images' | 'everything'>): number | null {
  const { everything } = state;
  if (everything === null) return state.images.size > 0 ? state.images.size : state.ids.size;
  return everything.total === null ? null : Math.max(0, everything.total - everything.except.size);
}

/** Whether the artist sees a selection (the selection bar is up): two or more tiles or images, or Ctrl/Cmd+A; one tile is only where they are. */
export function selectionShown(state: Pick<SelectionState, 'ids' | 'images' | 'everything'>): boolean {
  return state.ids.size > 1 || state.images.size > 1 || state.everything !== null;
}

/** The picked images, in gallery order; empty when the selection holds whole generations. */
export function selectedImages(): Spot[] {
  const state = useSelectionStore.getState();
  return state.images.size === 0 ? [] : pickedSpots(state);
}

/**
 * The picked images as the core names them (generation and image index), with their state now: in
 * gallery order, then those picked in the detail view outside the loaded tiles.
 */
export function selectedPicks(): { ref: ImageRef; image: ImageInfo }[] {
  const { outside } = useSelectionStore.getState();
  const byId = new Map(useGalleryStore.getState().items.map((g) => [g.id, g]));
  return selectedImages().flatMap((spot) => {
    const image = (byId.get(spot.id) ?? outside.get(spot.id))?.images[spot.index];
    return image ? [{ ref: { generationId: spot.id, index: image.index }, image }] : [];
  });
}

/** The picked images as the core names them: what Compare, filing and Export take. */
export function selectedImageRefs(): ImageRef[] {
  return selectedPicks().map(({ ref }) => ref);
}

/** The selection as the core takes it for an action over the whole search; null for a selection of tiles. */
export function querySelection(): QuerySelectionInput | null {
  const { everything } = useSelectionStore.getState();
  return everything === null ? null : { search: everything.search, except: [...everything.except] };
}

/** After unticking (or ticking again) a collapsed stack in a selection of everything: all its members go (or come back) with it. */
async function exceptMembers(head: number, out: boolean): Promise<void> {
  const members = await api.invoke('library:stackMembers', { ids: [head] });
  const { everything } = useSelectionStore.getState();
  // a selection since changed, or the tile toggled again meanwhile, is left as it is
  if (!members.ok || everything === null || everything.except.has(head) !== out) return;
  const except = new Set(everything.except);
  for (const id of members.value.ids) {
    if (out) except.add(id);
    else except.delete(id);
  }
  useSelectionStore.setState({ everything: { ...everything, except } });
}

export const useSelectionStore = create<SelectionState>((set, get) => ({
  ids: none,
  images: noImages,
  everything: null,
  outside: noOutside,
  anchor: null,
  toggle(spot, image = picksImages()) {
    const { everything } = get();
    if (everything !== null) {
      // everything is whole generations: unticking one image unticks its generation
      const except = new Set(everything.except);
      const out = !except.has(spot.id);
      if (out) except.add(spot.id);
      else except.delete(spot.id);
      set({ everything: { ...everything, except }, ids: ticked(except), anchor: spot });
      const g = useGalleryStore.getState().items.find((item) => item.id === spot.id);
      if (g && (g.stackSize ?? 1) > 1) void exceptMembers(spot.id, out);
      return;
    }
    const picked = pickedSpots(get(), image);
    const same = (other: Spot) => other.id === spot.id && (!image || other.index === spot.index);
    const next = picked.some(same) ? picked.filter((other) => !same(other)) : [...picked, spot];
    // a pick in the detail view on a generation no loaded tile shows: kept with the generation it was made on
    const shown = useDetailStore.getState().open;
    const away = image && shown?.id === spot.id && !loadedIds().includes(spot.id) && !get().outside.has(spot.id);
    set(settle(next, spot, image, away ? new Map(get().outside).set(spot.id, shown) : get().outside));
  },
  extendTo(to, current) {
    const anchor = get().anchor ?? current ?? to;
    const order = shownSpots();
    const images = picksImages();
    const at = (spot: Spot) => order.findIndex((other) => other.id === spot.id && (!images || other.index === spot.index));
    const from = at(anchor);
    const till = at(to);
    if (from === -1 || till === -1) return;
    set(settle(order.slice(Math.min(from, till), Math.max(from, till) + 1), anchor));
  },
  selectAll() {
    const { sort: _order, cursor: _cursor, limit: _limit, ...search } = shownSearch();
    set({ everything: { search, except: none, total: null }, ids: ticked(none), images: noImages, outside: noOutside, anchor: get().anchor });
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
    const back = new Set(ids);
    set(settle(shownSpots().filter((spot) => back.has(spot.id)), null));
  },
  applyGeneration(generation) {
    const { ids, outside, images, anchor } = get();
    const held = outside.get(generation.id);
    if (held === undefined || held === generation) return;
    // a loaded tile shows it too: the gallery's change already moved its picks (the subscription below)
    if (loadedIds().includes(generation.id)) return set({ outside: new Map(outside).set(generation.id, generation) });
    const next = { ids, outside: new Map(outside).set(generation.id, generation), images: followImages(images, held, generation) };
    set(next.images === images ? { outside: next.outside } : settle(pickedSpots(next, true), anchor, true, next.outside));
  },
  forget(ids) {
    const gone = new Set(ids);
    const { ids: picked, outside, images, everything } = get();
    if (everything !== null || ![...picked].some((id) => gone.has(id))) return;
    const kept = pickedSpots({ ids: picked, images, outside }).filter((spot) => !gone.has(spot.id));
    const anchor = get().anchor;
    set(settle(kept, anchor !== null && gone.has(anchor.id) ? null : anchor, images.size > 0, new Map([...outside].filter(([id]) => !gone.has(id)))));
  },
  clear() {
    if (get().ids.size > 0 || get().everything !== null) set({ ids: none, images: noImages, anchor: null, everything: null, outside: noOutside });
  },
}));

// A new search or filter clears the selection, so nothing out of sight is acted on; tiles that
// leave the loaded items (deleted, gone from the results) leave the selection with them. After
// Ctrl/Cmd+A, tiles loaded later are selected too, unless the gallery now shows another search.
// Switching layouts keeps what is picked: a generation becomes its images, images their generations.
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
  if (gallery.items === before.items && gallery.layout === before.layout) return;
  const images = gallery.layout === before.layout ? selection.images.size > 0 : gallery.layout === 'images';
  const followed = followLoaded(selection, before.items, gallery.items);
  if (followed !== selection.images) return useSelectionStore.setState(settle(pickedSpots({ ...selection, images: followed }, images), selection.anchor, images));
  const kept = pickedSpots(selection, images);
  const anchor = selection.anchor !== null && kept.some((spot) => spot.id === selection.anchor?.id) ? selection.anchor : null;
  const had = selection.images.size > 0 ? selection.images.size : selection.ids.size;
  if (gallery.layout !== before.layout || kept.length !== had) useSelectionStore.setState(settle(kept, anchor, images));
});

// A generation picked outside the loaded tiles stays as the detail view shows it now (pushes and
// curation reach the detail view), so actions on its picks decide from its images' state now.
useDetailStore.subscribe((detail) => {
  if (detail.open !== null) useSelectionStore.getState().applyGeneration(detail.open);
});
