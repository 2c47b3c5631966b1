import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { LIBRARY_MAX_PIXELS } from './image-size.ts';
import { toAbsolutePath } from './layout.ts';
import { replaceFile } from './replace-file.ts';
import { newTempPath } from './temp-files.ts';

/** The gallery shows ~200 px tiles; 400 px keeps them sharp on 2× screens at a fraction of the original's size. */
export const THUMBNAIL_LONG_SIDE = 400;

// JPEG, not WebP: Chromium decodes a JPEG at the scale it is drawn (by 1/2, 1/4…), a WebP always
// whole. A four-up tile draws each image at ~150 px, and a page of them is ~100 decodes: on 2 cores
// 400 px WebPs took ~8 ms each (~0.8 s of CPU per typed search, beside the search itself), JPEGs
// ~2 ms. Midjourney images have no transparency; an imported one that has is laid on the tiles' colour.
export const THUMBNAIL_QUALITY = 82;
export const TILE_COLOUR = '#1d1e22'; // --panel-2 in styles.css

export interface Thumbnail {
  width: number;
  height: number;
  bytes: number;
}

export interface ThumbnailOptions {
  longSide?: number;
  /** Refuse to decode images with more pixels than this; default: the library's limit. */
  maxPixels?: number;
}

/**
 * Writes a JPEG thumbnail (≤ 400 px on the long side) of a library image; both paths are
 * relative to the data folder. Written in the library's temp folder, then renamed into place.
 */
export async function makeThumbnail(dataDir: string, imagePath: string, thumbnailPath: string, options: ThumbnailOptions = {}): Promise<Thumbnail> {
  const dest = toAbsolutePath(dataDir, thumbnailPath);
  const temp = await newTempPath(dataDir, dest);
  try {
    const info = await writeThumbnail(toAbsolutePath(dataDir, imagePath), temp, options);
    await mkdir(path.dirname(dest), { recursive: true });
    await replaceFile(temp, dest);
    return info;
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/**
 * Writes the JPEG thumbnail of the picture at `source` to `target` (absolute paths; the caller
 * renames it into place): an import makes it from its temp copy before the picture has a library path.
 */
export async function writeThumbnail(source: string, target: string, options: ThumbnailOptions = {}): Promise<Thumbnail> {
  const longSide = options.longSide ?? THUMBNAIL_LONG_SIDE;
  const info = await sharp(source, { failOn: 'error', limitInputPixels: options.maxPixels ?? LIBRARY_MAX_PIXELS })
    .rotate() // honour EXIF orientation (JPEGs) so the tile matches the image
    .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: TILE_COLOUR })
    .jpeg({ quality: THUMBNAIL_QUALITY })
    .toFile(target);
  return { width: info.width, height: info.height, bytes: info.size };
}
