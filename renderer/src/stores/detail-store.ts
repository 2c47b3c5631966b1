import { create } from 'zustand';
import type { Lineage } from '../../../shared/contract.ts';
import type { Generation } from '../../../shared/generation.ts';
import { api } from '../api.ts';
import { hidesRejected, useGalleryStore, type GalleryLayout } from './gallery-store.ts';
import { useCurationStore } from './curation-store.ts';
import { toastError } from './toast-store.ts';

/** One place in the gallery: a generation, and which of its images (for the single-image layout and the detail view). */
export interface Spot {
  id: number;
  index: number;
}

interface DetailState {
  /** The tile the keyboard is on. */
  selected: Spot | null;
  /** The generation shown large, or null when the detail view is closed. */
  open: Generation | null;
  imageIndex: number;
  lineage: Lineage | null;
  /** The parent's other children, for the family view (empty without a parent). */
  siblings: Generation[];
  select(spot: Spot | null): void;
  /** Opens the detail view; the generation may be outside the current gallery page (lineage links). */
  show(id: number, index?: number): Promise<void>;
  close(): void;
  /** Moves the selection by `delta` tiles in the gallery's order. */
  step(delta: number): void;
  /** Moves the selection to the row above (-1) or below (1), about the same place along it. */
  stepRow(direction: -1 | 1): void;
  /** In the detail view: the next or previous image, flowing into the neighbouring generation. */
  stepImage(delta: number): void;
  stepGeneration(delta: number): void;
  /** In the detail view: shows the open generation's image `index` (its strip of thumbnails). */
  showImage(index: number): void;
  /** Keeps the open generation in step with pushes and local changes. */
  applyGeneration(generation: Generation): void;
}

/**
 * The gallery's tiles in order for a layout: one per generation, or one per image (its place in
 * `images`), rejected images left out while they are hidden.
 */
export function gallerySpots(items: Generation[], layout: GalleryLayout, hideRejected = hidesRejectedNow()): Spot[] {
  if (layout === 'generations') return items.map((g) => ({ id: g.id, index: 0 }));
  return items.flatMap((g) =>
    g.images.length === 0
      ? [{ id: g.id, index: 0 }]
      : g.images.flatMap((image, index) => (hideRejected && image.rejected ? [] : [{ id: g.id, index }])),
  );
}

function hidesRejectedNow(): boolean {
  return hidesRejected(useGalleryStore.getState().query, useCurationStore.getState().hideRejected);
}

export const useDetailStore = create<DetailState>((set, get) => ({
  selected: null,
  open: null,
  imageIndex: 0,
  lineage: null,
  siblings: [],
  select(selected) {
    set({ selected });
  },
  async show(id, index = 0) {
    const known = useGalleryStore.getState().items.find((g) => g.id === id) ?? (get().open?.id === id ? get().open : null);
    let generation = known;
    if (!generation) {
      const result = await api.invoke('generation:get', { id });
      if (!result.ok) return toastError(result.error.message);
      generation = result.value;
    }
    set({ open: generation, imageIndex: index, selected: { id, index }, lineage: null, siblings: [] });
    const lineage = await api.invoke('generation:lineage', { id });
    if (!lineage.ok || get().open?.id !== id) return;
    set({ lineage: lineage.value });
    const parent = lineage.value.parent;
    if (!parent) return;
    // Siblings are the parent's other children: one more question, asked only when there is a parent.
    const family = await api.invoke('generation:lineage', { id: parent.id });
    if (family.ok && get().open?.id === id) set({ siblings: family.value.children.filter((child) => child.id !== id) });
  },
  close() {
    set({ open: null, lineage: null, siblings: [] });
  },
  step(delta) {
    const { items, layout } = useGalleryStore.getState();
    const spots = gallerySpots(items, layout);
    if (spots.length === 0) return;
    const { selected } = get();
    const at = selected ? spots.findIndex((s) => s.id === selected.id && (layout === 'generations' || s.index === selected.index)) : -1;
    const next = at === -1 ? 0 : Math.min(spots.length - 1, Math.max(0, at + delta));
    set({ selected: spots[next] ?? null });
    if (next >= spots.length - 8) void useGalleryStore.getState().loadMore();
  },
  stepRow(direction) {
    const { items, layout, rowStarts } = useGalleryStore.getState();
    const spots = gallerySpots(items, layout);
    const { selected } = get();
    const at = selected ? spots.findIndex((s) => s.id === selected.id && (layout === 'generations' || s.index === selected.index)) : -1;
    if (at === -1 || rowStarts.length === 0) return get().step(0);
    let row = 0;
    while (row + 1 < rowStarts.length && (rowStarts[row + 1] ?? Infinity) <= at) row++;
    const target = row + direction;
    if (target < 0 || target >= rowStarts.length) return;
    const start = rowStarts[target] ?? 0;
    const end = (rowStarts[target + 1] ?? spots.length) - 1;
    get().step(Math.min(end, start + (at - (rowStarts[row] ?? 0))) - at);
  },
  stepImage(delta) {
    const { open, imageIndex } = get();
    if (!open) return;
    const index = imageIndex + delta;
    if (index >= 0 && index < Math.max(1, open.images.length)) {
      set({ imageIndex: index, selected: { id: open.id, index } });
      return;
    }
    const items = useGalleryStore.getState().items;
    const at = items.findIndex((g) => g.id === open.id);
    const neighbour = at === -1 ? undefined : items[at + Math.sign(delta)];
    if (neighbour) void get().show(neighbour.id, delta > 0 ? 0 : Math.max(0, neighbour.images.length - 1));
  },
  stepGeneration(delta) {
    const { open } = get();
    if (!open) return;
    const gallery = useGalleryStore.getState();
    const at = gallery.items.findIndex((g) => g.id === open.id);
    const neighbour = at === -1 ? undefined : gallery.items[at + delta];
    if (neighbour) void get().show(neighbour.id, 0);
    if (at + delta >= gallery.items.length - 4) void gallery.loadMore();
  },
  showImage(index) {
    const { open } = get();
    if (!open || index < 0 || index >= open.images.length) return;
    set({ imageIndex: index, selected: { id: open.id, index } });
  },
  applyGeneration(generation) {
    const { open, lineage, imageIndex } = get();
    // a deleted image leaves the list: the place it had shows the next one
    if (open?.id === generation.id) set({ open: generation, imageIndex: Math.min(imageIndex, Math.max(0, generation.images.length - 1)) });
    // A rerun or edit of the open generation joins its lineage as it happens.
    if (open && lineage && generation.parentId === open.id) {
      const others = lineage.children.filter((child) => child.id !== generation.id);
      set({ lineage: { ...lineage, children: [...others, generation].sort((a, b) => a.createdAt - b.createdAt) } });
    }
  },
}));
