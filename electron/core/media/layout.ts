import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * Where the library's files live inside the data folder.
 *
 * `images/<yyyy>/<mm>/<shard>/<generationId>-<index>.<ext>`, thumbnails in a parallel
 * `thumbnails/…/*.jpg` tree (libraries from before session 17 also hold `*.webp` ones there; each
 * image's row names its own), with each generation's four also in one `<generationId>-grid.jpg`. The year/month keeps the folders browsable by a person; the
 * two-hex-digit shard (from a hash of the generation id) splits each month into 256 folders, so
 * even a million images in one month leave only a few thousand entries per directory.
 * Paths are relative to the data folder with forward slashes: that form is stored in the
 * database and survives moving the data folder or switching operating systems.
 */

export const IMAGES_FOLDER = 'images';
export const THUMBNAILS_FOLDER = 'thumbnails';
/** The only top-level folders the media scheme may serve from. */
export const MEDIA_FOLDERS: readonly string[] = [IMAGES_FOLDER, THUMBNAILS_FOLDER];

export type ImageExtension = 'png' | 'jpg' | 'webp';

export interface ImageSlot {
  generationId: number;
  /** 0–3: which of the generation's four images. */
  index: number;
  /** When the generation was created, Unix milliseconds; picks the year/month folder (UTC). */
  createdAt: number;
}

// Names the layout produces and the only ones `toAbsolutePath` and the media scheme accept.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The relative path of one image of a generation, e.g. `images/2026/11/3f/42-0.png`. */
export function imagePath(slot: ImageSlot, extension: ImageExtension = 'png'): string {
  if (!Number.isSafeInteger(slot.generationId) || slot.generationId < 0) {
    throw new RangeError(`generationId must be a non-negative integer; got ${slot.generationId}`);
  }
  if (!Number.isInteger(slot.index) || slot.index < 0 || slot.index > 99) {
    throw new RangeError(`index must be an integer from 0 to 99; got ${slot.index}`);
  }
  const date = new Date(slot.createdAt);
  if (Number.isNaN(date.getTime())) throw new RangeError(`createdAt is not a valid time; got ${slot.createdAt}`);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${IMAGES_FOLDER}/${year}/${month}/${shardOf(slot.generationId)}/${slot.generationId}-${slot.index}.${extension}`;
}

/** The thumbnails' format (media/thumbnail.ts says why JPEG). */
export const THUMBNAIL_EXTENSION: ImageExtension = 'jpg';

/** The thumbnail's relative path for an image's relative path: same place under `thumbnails/`, `.jpg`. */
export function thumbnailPathFor(imageRelativePath: string): string {
  const segments = splitRelativePath(imageRelativePath);
  if (segments[0] !== IMAGES_FOLDER) throw new Error(`not an image path: ${imageRelativePath}`);
  const file = segments.at(-1) ?? '';
  const stem = file.includes('.') ? file.slice(0, file.lastIndexOf('.')) : file;
  return [THUMBNAILS_FOLDER, ...segments.slice(1, -1), `${stem}.${THUMBNAIL_EXTENSION}`].join('/');
}

/**
 * Where a generation's grid thumbnail lives (media/grid-thumbnail.ts): beside its images'
 * thumbnails, e.g. `thumbnails/2026/11/3f/42-grid.jpg`.
 */
export function gridThumbnailPath(generationId: number, createdAt: number): string {
  return thumbnailPathFor(imagePath({ generationId, index: 0, createdAt })).replace(/-0\.jpg$/, `-grid.${THUMBNAIL_EXTENSION}`);
}

/** The same relative path with another extension (the server may send JPEG where PNG was expected). */
export function withExtension(relativePath: string, extension: ImageExtension): string {
  const slash = relativePath.lastIndexOf('/');
  const dot = relativePath.lastIndexOf('.');
  const stem = dot > slash ? relativePath.slice(0, dot) : relativePath;
  return `${stem}.${extension}`;
}

/** The absolute path on this machine for a stored relative path; throws on anything that could leave the data folder. */
export function toAbsolutePath(dataDir: string, relativePath: string): string {
  return path.join(path.resolve(dataDir), ...splitRelativePath(relativePath));
}

/** Splits a stored relative path into its segments, refusing `..`, absolute paths and odd names. */
export function splitRelativePath(relativePath: string): string[] {
  const segments = relativePath.split('/');
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) throw new Error(`not a library path: ${JSON.stringify(relativePath)}`);
  }
  return segments;
}

/** True when a single path segment is a name the library could have produced. */
export function isLibrarySegment(segment: string): boolean {
  return SEGMENT.test(segment);
}

function shardOf(generationId: number): string {
  // Hashing spreads consecutive ids evenly; the id alone would fill one shard at a time.
  return createHash('sha256').update(String(generationId)).digest('hex').slice(0, 2);
}
