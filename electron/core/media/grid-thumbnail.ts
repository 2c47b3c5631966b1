import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { GridThumbnail } from '../../../shared/generation.ts';
import { toAbsolutePath } from './layout.ts';
import { replaceFile } from './replace-file.ts';
import { newTempPath } from './temp-files.ts';
import { THUMBNAIL_LONG_SIDE, THUMBNAIL_QUALITY, TILE_COLOUR } from './thumbnail.ts';

/**
 * JPEG codes 8×8 blocks of brightness and 16×16 of colour (4:2:0): a cell whose sides are whole
 * blocks shares no block with its neighbour, so no image's colours bleed into the next one's cell.
 */
const BLOCK = 16;
/** Thumbnails are ≤ 400 px; anything far larger is not one (a refused decode, not a slow one). */
const MAX_CELL_INPUT_PIXELS = 4 * THUMBNAIL_LONG_SIDE * THUMBNAIL_LONG_SIDE;

/** A grid's cell for thumbnails of this size: the same proportions, in whole 16 px blocks (never below one). */
export function gridCellSize(width: number, height: number): { width: number; height: number } {
  const toBlocks = (side: number) => Math.max(BLOCK, Math.round(side / BLOCK) * BLOCK);
  return { width: toBlocks(width), height: toBlocks(height) };
}

/**
 * Writes the generation's four thumbnails (relative paths, image 0 to 3) into one 2×2 JPEG at
 * `gridPath`, each cell the first thumbnail's size in whole blocks, a thumbnail of other
 * proportions cropped to cover its cell. Why one picture: a page of the four-up gallery was ~100
 * image requests and decodes; one per tile is a quarter of them, and in the desktop app every
 * request is a call on the core's thread. Written in the library's temp folder, renamed into place.
 */
export async function makeGridThumbnail(dataDir: string, thumbnails: readonly string[], gridPath: string): Promise<GridThumbnail> {
  if (thumbnails.length !== 4) throw new RangeError(`a grid takes four thumbnails; got ${thumbnails.length}`);
  const open = (relative: string) => sharp(toAbsolutePath(dataDir, relative), { failOn: 'error', limitInputPixels: MAX_CELL_INPUT_PIXELS });
  const first = await open(thumbnails[0] as string).metadata();
  if (!first.width || !first.height) throw new Error(`${thumbnails[0]} has no size`);
  const cell = gridCellSize(first.width, first.height);
  const cells = await Promise.all(
    thumbnails.map((relative) => open(relative).resize(cell.width, cell.height, { fit: 'cover' }).removeAlpha().raw().toBuffer()),
  );
  const dest = toAbsolutePath(dataDir, gridPath);
  const temp = await newTempPath(dataDir, dest);
  try {
    const width = cell.width * 2;
    const height = cell.height * 2;
    await sharp({ create: { width, height, channels: 3, background: TILE_COLOUR } })
      .composite(cells.map((input, i) => ({ input, raw: { ...cell, channels: 3 as const }, left: (i % 2) * cell.width, top: (i >> 1) * cell.height })))
      .jpeg({ quality: THUMBNAIL_QUALITY })
      .toFile(temp);
    await mkdir(path.dirname(dest), { recursive: true });
    await replaceFile(temp, dest);
    return { path: gridPath, width, height };
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
