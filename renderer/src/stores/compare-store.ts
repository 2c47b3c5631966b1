import { create } from 'zustand';
import type { BatchView } from '../../../shared/contract.ts';
import type { Generation } from '../../../shared/generation.ts';
import { sweepGrid, type SweepGrid } from '../../../shared/runs/sweep-grid.ts';
import { api } from '../api.ts';
import { useGalleryStore } from './gallery-store.ts';
import { lookedAtImage } from './looked-at.ts';
import { selectedImageRefs, useSelectionStore } from './selection-store.ts';
import { withStackImages, withStackMembers } from './stack-actions.ts';
import { count } from '../lib/format.ts';
import { toastError, useToastStore } from './toast-store.ts';
import { useViewerStore } from './viewer-store.ts';

/** One image side by side with the others: a generation and which of its four. */
export interface ComparePane {
  generation: Generation;
  index: number;
}

/** A sweep's results laid out by value: which pane each cell shows (null: that run has no images). */
export interface CompareGrid {
  /** The batch's name, e.g. "a teapot · stylize sweep". */
  name: string;
  layout: SweepGrid;
  paneAt: (number | null)[][];
  /** Which of each run's four images every cell shows (the seed is held, so image N is comparable). */
  image: number;
}

/** A generation and one of its images: by its place among the images shown, or by the image's own number (picked images, a rerun's same image). */
export type CompareSpot = { id: number; index: number } | { id: number; image: number };

/** Where a spot's image is among its generation's images (the first when it has gone). */
function placeOf(spot: CompareSpot, generation: Generation): number {
  const last = Math.max(0, generation.images.length - 1);
  if ('index' in spot) return Math.min(spot.index, last);
  return Math.max(0, generation.images.findIndex((image) => image.index === spot.image));
}

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

interface CompareState {
  /** Empty while compare is closed. */
  panes: ComparePane[];
  /** The pane keys act on (Tab cycles). */
  focused: number;
  /** Two panes can lie over each other, the Swipe slider showing how much of the second. */
  overlay: boolean;
  /** Percent of the width where the second image starts, in the overlay. */
  swipe: number;
  /** Set while compare shows a sweep as a labelled grid rather than 2 to 4 picked images. */
  grid: CompareGrid | null;
  /** Compares these: each a generation and which of its images, by place in `images` (`index`) or by the image's own number (`image`). */
  open(spots: CompareSpot[]): Promise<void>;
  /** Opens a sweep batch's landed runs as a grid labelled by the swept values. */
  openSweep(view: BatchView): void;
  /** Shows image `index` of every run in the sweep grid. */
  showGridImage(index: number): void;
  close(): void;
  focus(pane: number): void;
  setOverlay(overlay: boolean): void;
  setSwipe(percent: number): void;
  /** A pane's generation as the core has it now (loaded in the grid or not): the next key decides from its true state. */
  applyGeneration(generation: Generation): void;
}

async function load(id: number): Promise<Generation | null> {
  const known = useGalleryStore.getState().items.find((g) => g.id === id);
  if (known) return known;
  const result = await api.invoke('generation:get', { id });
  if (!result.ok) {
    toastError(result.error.message);
    return null;
  }
  return result.value;
}

export const useCompareStore = create<CompareState>((set, get) => ({
  panes: [],
  focused: 0,
  overlay: false,
  swipe: 50,
  grid: null,
  async open(spots) {
    const generations = await Promise.all(spots.map((spot) => load(spot.id)));
    const panes = spots.flatMap((spot, i) => {
      const generation = generations[i];
      return generation ? [{ generation, index: placeOf(spot, generation) }] : [];
    });
    if (panes.length < COMPARE_MIN) return;
    useViewerStore.getState().fit();
    set({ panes, focused: 0, overlay: false, swipe: 50, grid: null });
  },
  openSweep(view) {
    const layout = sweepGrid(view.batch.sweep, view.runs);
    if (!layout) return;
    const panes: ComparePane[] = [];
    const paneAt = layout.cells.map((row) =>
      row.map((cell) => {
        const generation = cell && view.runs.find((run) => run.id === cell.id);
        if (!generation || generation.images.length === 0) return null;
        panes.push({ generation, index: 0 });
        return panes.length - 1;
      }),
    );
    if (panes.length === 0) {
      useToastStore.getState().show('None of the sweep’s runs has images yet');
      return;
    }
    useViewerStore.getState().fit();
    set({ panes, focused: 0, overlay: false, swipe: 50, grid: { name: view.batch.name, layout, paneAt, image: 0 } });
  },
  showGridImage(index) {
    const grid = get().grid;
    if (!grid) return;
    set({
      grid: { ...grid, image: index },
      panes: get().panes.map((pane) => ({ ...pane, index: Math.min(index, Math.max(0, pane.generation.images.length - 1)) })),
    });
  },
  close() {
    useViewerStore.getState().fit();
    set({ panes: [], focused: 0, grid: null });
  },
  focus(pane) {
    set({ focused: pane });
  },
  setOverlay(overlay) {
    set({ overlay });
  },
  setSwipe(percent) {
    set({ swipe: Math.min(100, Math.max(0, percent)) });
  },
  applyGeneration(generation) {
    const { panes } = get();
    if (!panes.some((pane) => pane.generation.id === generation.id && pane.generation !== generation)) return;
    set({ panes: panes.map((pane) => (pane.generation.id === generation.id ? withGeneration(pane, generation) : pane)) });
  },
}));

/** A pane on a newer copy of its generation, still on the same image (one deleted before it moves it up). */
function withGeneration(pane: ComparePane, generation: Generation): ComparePane {
  const number = pane.generation.images[pane.index]?.index;
  const place = generation.images.findIndex((image) => image.index === number);
  return { generation, index: place === -1 ? Math.min(pane.index, Math.max(0, generation.images.length - 1)) : place };
}

/**
 * What the selection compares, collapsed stacks spread to every member: the picked images (two of
 * one generation too), else the picked generations in gallery order, each by the image the artist
 * last looked at in it (else image 1); the words for how many that is when stacks made it more.
 * Null when the core could not say (the toast says why).
 */
async function selectionToCompare(): Promise<{ spots: CompareSpot[]; spread: string | null } | null> {
  const images = selectedImageRefs();
  if (images.length > 0) {
    const all = await withStackImages(images);
    if (all === null) return null;
    const spots = all.map((ref) => ({ id: ref.generationId, image: ref.index }));
    return { spots, spread: all.length === images.length ? null : `the ${count(images.length, 'image')} picked are ${count(all.length, 'image')} with their stacks’ reruns` };
  }
  const picked = useSelectionStore.getState().ids;
  const ordered = useGalleryStore.getState().items.filter((g) => picked.has(g.id)).map((g) => g.id);
  const all = await withStackMembers(ordered);
  if (all === null) return null;
  const spots = all.map((id) => ({ id, index: lookedAtImage(id) }));
  return { spots, spread: all.length === ordered.length ? null : `the ${count(ordered.length, 'tile')} picked hold ${count(all.length, 'generation')}` };
}

/** "Compare" in the selection bar and C in the grid: 2 to 4 images or generations picked, collapsed stacks counting every member. */
export async function compareSelection(): Promise<void> {
  const picked = await selectionToCompare();
  if (picked === null) return;
  const { spots, spread } = picked;
  if (spots.length < COMPARE_MIN || spots.length > COMPARE_MAX) {
    useToastStore.getState().show(`Select ${COMPARE_MIN} to ${COMPARE_MAX} to compare${spread === null ? '' : ` (${spread})`}`);
    return;
  }
  await useCompareStore.getState().open(spots);
}

/** "Compare with parent" and C in the detail view: the same image of the parent, then this one. */
export function compareWithParent(generation: Generation, index: number): void {
  if (generation.parentId === null) {
    useToastStore.getState().show(`#${generation.id} was not made from another generation, so it has no parent to compare with`);
    return;
  }
  void useCompareStore.getState().open([
    { id: generation.parentId, index },
    { id: generation.id, index },
  ]);
}

// A pane shows its generation as it is now: a favourite or rating set from compare (keys act on the
// focused pane) or anywhere else reaches it, so the next key toggles from the true state.
useGalleryStore.subscribe((gallery, before) => {
  const { panes } = useCompareStore.getState();
  if (gallery.items === before.items || panes.length === 0) return;
  const current = new Map(gallery.items.map((g) => [g.id, g]));
  const next = panes.map((pane) => {
    const generation = current.get(pane.generation.id);
    return generation && generation !== pane.generation ? withGeneration(pane, generation) : pane;
  });
  if (next.some((pane, i) => pane !== panes[i])) useCompareStore.setState({ panes: next });
});
