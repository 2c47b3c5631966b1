/**
 * What an artist does to a finished generation. Each touches several stores (gallery,
 * detail, queue, toasts), so they live here rather than in any one of them.
 */
import type { Generation } from '../../../shared/generation.ts';
import { api } from '../api.ts';
import { useDetailStore } from './detail-store.ts';
import { useGalleryStore } from './gallery-store.ts';
import { useQueueStore } from './queue-store.ts';
import { toastError, useToastStore } from './toast-store.ts';

export async function toggleFavorite(generation: Generation): Promise<void> {
  const favorite = !generation.favorite;
  const updated = { ...generation, favorite };
  // Optimistic: the heart answers at once, and goes back if the library refuses.
  useGalleryStore.getState().patch(generation.id, { favorite });
  useDetailStore.getState().applyGeneration(updated);
  const result = await api.invoke('library:favorite', { ids: [generation.id], favorite });
  if (!result.ok) {
    useGalleryStore.getState().patch(generation.id, { favorite: !favorite });
    useDetailStore.getState().applyGeneration(generation);
    toastError(result.error.message);
  }
}

/** Moves a generation to the trash and offers "Undo" (the toast and Ctrl/Cmd+Z). */
export async function deleteGeneration(generation: Generation): Promise<void> {
  const at = useGalleryStore.getState().items.findIndex((g) => g.id === generation.id);
  const result = await api.invoke('library:delete', { ids: [generation.id] });
  if (!result.ok) return toastError(result.error.message);
  useGalleryStore.getState().removeIds([generation.id]);
  // Read the detail view only now: the artist may have closed it while the delete was on its way.
  const detail = useDetailStore.getState();
  // Land on the neighbour so culling can go on from the keyboard.
  const after = useGalleryStore.getState().items;
  const neighbour = after[Math.min(at === -1 ? 0 : at, after.length - 1)];
  if (detail.open?.id === generation.id) {
    if (neighbour) void detail.show(neighbour.id, 0);
    else detail.close();
  }
  detail.select(neighbour ? { id: neighbour.id, index: 0 } : null);
  useToastStore.getState().offerUndo('Deleted', async () => {
    const restored = await api.invoke('library:restore', { ids: [generation.id] });
    if (!restored.ok) return toastError(restored.error.message);
    await useGalleryStore.getState().refresh();
    useDetailStore.getState().select({ id: generation.id, index: 0 });
  });
}

export async function rerun(generation: Generation, seed: 'same' | 'new'): Promise<void> {
  const result = await api.invoke('generation:rerun', { id: generation.id, seed });
  if (!result.ok) return toastError(result.error.message);
  useQueueStore.getState().apply(result.value);
  useDetailStore.getState().applyGeneration(result.value);
  useToastStore.getState().show(seed === 'same' ? 'Rerun queued with the same seed' : 'Rerun queued with a new seed');
}

export async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    useToastStore.getState().show(`${what} copied`);
  } catch {
    toastError(`Could not copy the ${what.toLowerCase()}: the clipboard is not available.`);
  }
}
