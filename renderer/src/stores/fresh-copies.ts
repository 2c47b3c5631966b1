/**
 * One generation as the core has it now, put into every copy of it the page holds: the grid's
 * tile, the detail view, compare's panes, and a pick remembered outside the loaded tiles. Pushes,
 * curation answers and undos all go through here, so no copy is left behind.
 */
import type { Generation } from '../../../shared/generation.ts';
import { useCompareStore } from './compare-store.ts';
import { useDetailStore } from './detail-store.ts';
import { useGalleryStore } from './gallery-store.ts';
import { useSelectionStore } from './selection-store.ts';

export function applyEverywhere(generation: Generation): void {
  // the selection first: it moves a remembered pick itself only when no loaded tile held the
  // generation before, and the gallery's change (which may add it as a new tile) moves the rest
  useSelectionStore.getState().applyGeneration(generation);
  useGalleryStore.getState().applyGeneration(generation);
  useDetailStore.getState().applyGeneration(generation);
  useCompareStore.getState().applyGeneration(generation);
}
