import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { replaceFile } from './replace-file.ts';

/** The gallery shows ~200 px tiles; 400 px keeps them sharp on 2× screens at a fraction of the original's size. */
export const THUMBNAIL_LONG_SIDE = 400;

export interface Thumbnail {
  width: number;
  height: number;
  bytes: number;
}

/** Writes a WebP thumbnail (≤ 400 px on the long side) of `src` at `dest` (absolute paths), via a temp file + rename. */
export async function makeThumbnail(src: string, dest: string, longSide: number = THUMBNAIL_LONG_SIDE): Promise<Thumbnail> {
  await mkdir(path.dirname(dest), { recursive: true });
  const temp = path.join(path.dirname(dest), `.${path.basename(dest)}.part-${randomBytes(6).toString('hex')}`);
  try {
    const info = await sharp(src, { failOn: 'error' })
      .rotate() // honour EXIF orientation (JPEGs) so the tile matches the image
      .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toFile(temp);
    await replaceFile(temp, dest);
    return { width: info.width, height: info.height, bytes: info.size };
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
