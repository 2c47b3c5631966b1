/**
 * The image the artist last looked at in each generation: the one shown in the detail view, or a
 * single-image tile made current. Compare shows that image of a picked generation (else image 1),
 * so what was being looked at is what gets compared.
 */
import { useDetailStore } from './detail-store.ts';
import { useGalleryStore } from './gallery-store.ts';

/** Enough for any session's looking; the oldest are forgotten first. */
const REMEMBERED = 1000;
const lastImage = new Map<number, number>();

function remember(id: number, index: number): void {
  lastImage.delete(id);
  lastImage.set(id, index);
  if (lastImage.size > REMEMBERED) lastImage.delete(lastImage.keys().next().value as number);
}

/** The image of generation `id` the artist last looked at, or 0 (image 1). */
export function lookedAtImage(id: number): number {
  return lastImage.get(id) ?? 0;
}

useDetailStore.subscribe((detail, before) => {
  if (detail.open && (detail.open.id !== before.open?.id || detail.imageIndex !== before.imageIndex)) {
    remember(detail.open.id, detail.imageIndex);
  } else if (detail.selected && detail.selected !== before.selected && !detail.open && useGalleryStore.getState().layout === 'images') {
    // A four-up tile is the whole generation; only a single-image tile says which image.
    remember(detail.selected.id, detail.selected.index);
  }
});
