/**
 * Duplicates (issue 13 §3): "Find similar" for the shown image, the "Duplicates" view of the whole
 * library, and how far the hashing of older images is (pushed as `library:hashing`).
 */
import { create } from 'zustand';
import type { DuplicatesView, HashingProgress, SimilarImage } from '../../../shared/duplicates.ts';
import type { ImageRef } from '../../../shared/image-curation.ts';
import { api } from '../api.ts';
import { useDetailStore } from './detail-store.ts';
import { toastError } from './toast-store.ts';

interface DuplicatesState {
  /** The image "Find similar" was asked for and what it found (null: not asked for the shown image). */
  similar: { of: ImageRef; images: SimilarImage[] } | null;
  /** The "Duplicates" view is open; `view` is null while it loads. */
  open: boolean;
  view: DuplicatesView | null;
  /** The hashing of images saved before duplicates were found; null when done (or not known yet). */
  hashing: HashingProgress | null;
  findSimilar(of: ImageRef): Promise<void>;
  clearSimilar(): void;
  show(): Promise<void>;
  close(): void;
  /** Reads the groups again (after a keep, reject or delete, or when hashing found more). */
  reload(): Promise<void>;
  setHashing(progress: HashingProgress | null): void;
}

export const useDuplicatesStore = create<DuplicatesState>((set, get) => ({
  similar: null,
  open: false,
  view: null,
  hashing: null,
  async findSimilar(of) {
    const answer = await api.invoke('image:similar', of);
    if (!answer.ok) return toastError(answer.error.message);
    set({ similar: { of, images: answer.value } });
  },
  clearSimilar: () => set({ similar: null }),
  async show() {
    set({ open: true, view: null });
    await get().reload();
  },
  close: () => set({ open: false, view: null }),
  async reload() {
    const answer = await api.invoke('library:duplicates');
    if (!answer.ok) return toastError(answer.error.message);
    set({ hashing: answer.value.hashing, ...(get().open ? { view: answer.value } : {}) });
  },
  setHashing(progress) {
    const finished = get().hashing !== null && progress === null;
    set({ hashing: progress });
    // what the last images hashed found shows up at once in an open view
    if (finished && get().open) void get().reload();
  },
}));

/** "Find similar" from a gallery tile: its image opens in the detail view, which lists what looks like it. */
export async function findSimilarFrom(generationId: number, position: number): Promise<void> {
  const detail = useDetailStore.getState();
  detail.select({ id: generationId, index: position });
  await detail.show(generationId, position);
  const image = useDetailStore.getState().open?.images[position];
  if (image) await useDuplicatesStore.getState().findSimilar({ generationId, index: image.index });
}

/** "Finding duplicates… 12,400 of 40,000", or null when every image is hashed. */
export function hashingText(progress: HashingProgress | null): string | null {
  if (progress === null) return null;
  const done = progress.done.toLocaleString('en-US');
  return progress.total === null ? 'Finding duplicates… counting the images' : `Finding duplicates… ${done} of ${progress.total.toLocaleString('en-US')}`;
}
