/**
 * A generation's grid thumbnail (media/grid-thumbnail.ts), made once all four of its images are
 * saved with thumbnails: by the queue as a run is saved, by an import at the end of its run.
 * One that cannot be made is only logged: the tile draws the four thumbnails, as for a generation
 * the upkeep thread has not reached yet (library/grid-backfill.ts).
 */
import { rm } from 'node:fs/promises';
import { IMAGES_PER_GENERATION } from '../../shared/generation.ts';
import type { Library } from './library/database.ts';
import { listImages, recordGridThumbnail } from './library/images.ts';
import { makeGridThumbnail } from './media/grid-thumbnail.ts';
import { gridThumbnailPath, toAbsolutePath } from './media/layout.ts';

/** Makes and records the generation's grid when its four shown images are saved with thumbnails and it has none. */
export async function makeGridWhenWhole(db: Library, dataDir: string, generation: { id: number; createdAt: number }): Promise<void> {
  const thumbnails = listImages(db, generation.id).map((image) => (image.state === 'done' ? image.thumbnail : null));
  if (thumbnails.length !== IMAGES_PER_GENERATION || thumbnails.some((thumbnail) => thumbnail === null)) return;
  try {
    const grid = await makeGridThumbnail(dataDir, thumbnails as string[], gridThumbnailPath(generation.id, generation.createdAt));
    if (recordGridThumbnail(db, generation.id, grid) === 'gone') await rm(toAbsolutePath(dataDir, grid.path), { force: true });
  } catch (error) {
    console.warn('[atelier] a grid thumbnail could not be made:', error instanceof Error ? error.message : error);
  }
}
