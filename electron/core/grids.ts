/**
 * A generation's grid thumbnail (media/grid-thumbnail.ts), made once all four of its images are
 * saved with thumbnails: by the queue once a run is shown done, by an import at the end of its run.
 * One that cannot be made is only logged: the tile draws the four thumbnails, as for a generation
 * the upkeep thread has not reached yet (library/grid-backfill.ts).
 */
import { rm } from 'node:fs/promises';
import { IMAGES_PER_GENERATION } from '../../shared/generation.ts';
import type { Library } from './library/database.ts';
import { listImages, recordGridThumbnail } from './library/images.ts';
import { makeGridThumbnail } from './media/grid-thumbnail.ts';
import { gridThumbnailPath, toAbsolutePath } from './media/layout.ts';

/**
 * Makes and records the generation's grid when its four shown images are saved with thumbnails and
 * it has none. True when it recorded one (the generation changed: the caller announces it).
 */
export async function makeGridWhenWhole(db: Library, dataDir: string, generation: { id: number; createdAt: number }): Promise<boolean> {
  const thumbnails = listImages(db, generation.id).map((image) => (image.state === 'done' ? image.thumbnail : null));
  if (thumbnails.length !== IMAGES_PER_GENERATION || thumbnails.some((thumbnail) => thumbnail === null)) return false;
  try {
    const grid = await makeGridThumbnail(dataDir, thumbnails as string[], gridThumbnailPath(generation.id, generation.createdAt));
    const recorded = recordGridThumbnail(db, generation.id, grid);
    if (recorded === 'gone') await rm(toAbsolutePath(dataDir, grid.path), { force: true });
    return recorded === 'recorded';
  } catch (error) {
    console.warn('[atelier] a grid thumbnail could not be made:', error instanceof Error ? error.message : error);
    return false;
  }
}
