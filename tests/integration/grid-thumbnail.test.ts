import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { closeLibrary, libraryPath } from '../../electron/core/library/database.ts';
import { getGeneration, insertGenerationRow } from '../../electron/core/library/generations.ts';
import { fillGridThumbnails, gridsReady } from '../../electron/core/library/grid-backfill.ts';
import { createImages, recordGridThumbnail } from '../../electron/core/library/images.ts';
import { migrate } from '../../electron/core/library/migrations.ts';
import { purgeStampedPart } from '../../electron/core/library/purge.ts';
import { gridCellSize, makeGridThumbnail } from '../../electron/core/media/grid-thumbnail.ts';
import { gridThumbnailPath, toAbsolutePath } from '../../electron/core/media/layout.ts';
import { saveImages } from '../../electron/core/tasks/save-images.ts';
import { makeGridWhenWhole } from '../../electron/core/grids.ts';
import { addGeneration, newGeneration } from '../support/library.ts';
import { libraryPerTest, type TempLibrary } from '../support/library-per-test.ts';
import { closableCore } from '../support/test-core.ts';
import { type ImageServer, serveBytes } from '../support/image-server.ts';
import { imageServerPerFile } from '../support/image-server-per-file.ts';

/** The grid thumbnail: one 2×2 picture of a generation's four thumbnails, made once the run is saved, gone with any of its images. */

const COLOURS = [
  { r: 220, g: 40, b: 40 },
  { r: 40, g: 200, b: 60 },
  { r: 40, g: 60, b: 220 },
  { r: 230, g: 220, b: 40 },
] as const;

let library: TempLibrary;
let server: ImageServer;
imageServerPerFile((started) => (server = started));
libraryPerTest((made) => (library = made));

const solid = (width: number, height: number, background: (typeof COLOURS)[number]) =>
  sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();

/** The mean colour of the middle half of each quarter of a picture. */
async function quarterColours(file: string): Promise<{ r: number; g: number; b: number }[]> {
  const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  const w = info.width / 2;
  const h = info.height / 2;
  return [0, 1, 2, 3].map((i) => {
    const sum = [0, 0, 0];
    let n = 0;
    for (let y = Math.round((i >> 1) * h + h / 4); y < (i >> 1) * h + (3 * h) / 4; y++) {
      for (let x = Math.round((i % 2) * w + w / 4); x < (i % 2) * w + (3 * w) / 4; x++) {
        const at = (y * info.width + x) * info.channels;
        for (let c = 0; c < 3; c++) sum[c]! += data[at + c]!;
        n++;
      }
    }
    return { r: Math.round(sum[0]! / n), g: Math.round(sum[1]! / n), b: Math.round(sum[2]! / n) };
  });
}

const near = (a: { r: number; g: number; b: number }, b: { r: number; g: number; b: number }) =>
  Math.abs(a.r - b.r) <= 8 && Math.abs(a.g - b.g) <= 8 && Math.abs(a.b - b.b) <= 8;

describe('gridCellSize', () => {
  it("keeps a thumbnail's proportions in whole 16 px blocks, so no image's colours share a JPEG block with its neighbour's", () => {
    expect(gridCellSize(400, 400)).toEqual({ width: 400, height: 400 });
    expect(gridCellSize(400, 225)).toEqual({ width: 400, height: 224 });
    expect(gridCellSize(225, 400)).toEqual({ width: 224, height: 400 });
    expect(gridCellSize(400, 171)).toEqual({ width: 400, height: 176 });
    expect(gridCellSize(6, 3)).toEqual({ width: 16, height: 16 });
  });
});

describe('makeGridThumbnail', () => {
  it('puts image i in quarter (i % 2, i >> 1), each cell the first thumbnail’s size, another shape cropped to cover its cell', async () => {
    const thumbnails = ['thumbnails/t/1-0.jpg', 'thumbnails/t/1-1.jpg', 'thumbnails/t/1-2.jpg', 'thumbnails/t/1-3.jpg'];
    await mkdir(path.join(library.dataDir, 'thumbnails/t'), { recursive: true });
    for (const [i, thumbnail] of thumbnails.entries()) {
      // the third is square where the others are 16:9: it must be cropped, never stretched or left short
      await sharp(await solid(i === 2 ? 300 : 400, i === 2 ? 300 : 225, COLOURS[i]!)).jpeg().toFile(toAbsolutePath(library.dataDir, thumbnail));
    }
    const grid = await makeGridThumbnail(library.dataDir, thumbnails, 'thumbnails/t/1-grid.jpg');
    expect(grid).toEqual({ path: 'thumbnails/t/1-grid.jpg', width: 800, height: 448 });
    const file = toAbsolutePath(library.dataDir, grid.path);
    expect(await sharp(file).metadata()).toMatchObject({ format: 'jpeg', width: 800, height: 448 });
    const colours = await quarterColours(file);
    colours.forEach((colour, i) => expect(near(colour, COLOURS[i]!), `quarter ${i}: ${JSON.stringify(colour)}`).toBe(true));
    // nothing left in the temp folder
    const temp = path.join(library.dataDir, 'tmp');
    expect(existsSync(temp) ? readdirSync(temp) : []).toEqual([]);
  });

  it('refuses anything but four thumbnails, and a missing one, without writing a file', async () => {
    await expect(makeGridThumbnail(library.dataDir, ['a.jpg'], 'thumbnails/x-grid.jpg')).rejects.toThrow(/four thumbnails/);
    await expect(makeGridThumbnail(library.dataDir, ['thumbnails/n-0.jpg', 'thumbnails/n-1.jpg', 'thumbnails/n-2.jpg', 'thumbnails/n-3.jpg'], 'thumbnails/n-grid.jpg')).rejects.toThrow();
    expect(existsSync(toAbsolutePath(library.dataDir, 'thumbnails/n-grid.jpg'))).toBe(false);
  });
});

/** A generation whose four images the loopback server serves in the four colours (one refused with a 400 when asked). */
async function servedGeneration(refuse?: number) {
  const g = addGeneration(library.db, Date.UTC(2026, 2, 1), { prompt: `a lighthouse ${Math.random()}`, aspectRatio: '16:9' });
  const urls: string[] = [];
  for (let i = 0; i < 4; i++) {
    const route = `/grid-${g.id}/${i}.png`;
    if (i === refuse) server.route(route, serveBytes(Buffer.from('<html>no</html>'), 'text/html'));
    else server.route(route, serveBytes(await solid(1456, 816, COLOURS[i]!)));
    urls.push(server.url(route));
  }
  createImages(library.db, g.id, urls.map((remoteUrl) => ({ remoteUrl })));
  return g.id;
}

const saveImagesOf = (id: number) =>
  saveImages(library.db, library.dataDir, getGeneration(library.db, id), { apiBaseUrl: server.url('/api/v1'), retry: { attempts: 1, invalidAttempts: 1, sleep: async () => undefined } });
/** Saves the run's images, then makes its grid, as the queue does once the run is done. */
async function saveAll(id: number) {
  const outcome = await saveImagesOf(id);
  await makeGridWhenWhole(library.db, library.dataDir, getGeneration(library.db, id));
  return outcome;
}

describe('saving a run', () => {
  it('makes and records its grid once all four images are saved, each quarter its image', async () => {
    const id = await servedGeneration();
    expect(getGeneration(library.db, id).grid).toBeNull();
    expect(await saveImagesOf(id)).toMatchObject({ complete: true });
    // the queue makes it once the run is shown done (queue.test.ts)
    expect(getGeneration(library.db, id).grid).toBeNull();
    expect(await makeGridWhenWhole(library.db, library.dataDir, getGeneration(library.db, id))).toBe(true);
    expect(await makeGridWhenWhole(library.db, library.dataDir, getGeneration(library.db, id))).toBe(false);
    const { grid, createdAt } = getGeneration(library.db, id);
    expect(grid).toEqual({ path: gridThumbnailPath(id, createdAt), width: 800, height: 448 });
    const colours = await quarterColours(toAbsolutePath(library.dataDir, grid!.path));
    colours.forEach((colour, i) => expect(near(colour, COLOURS[i]!), `quarter ${i}: ${JSON.stringify(colour)}`).toBe(true));
  });

  it('makes none while an image is missing: the tile draws the three it has one by one', async () => {
    const id = await servedGeneration(1);
    expect(await saveImagesOf(id)).toMatchObject({ complete: false });
    expect(await makeGridWhenWhole(library.db, library.dataDir, getGeneration(library.db, id))).toBe(false);
    const generation = getGeneration(library.db, id);
    expect(generation.images.map((image) => image.state)).toEqual(['done', 'failed', 'done', 'done']);
    expect(generation.grid).toBeNull();
    expect(existsSync(toAbsolutePath(library.dataDir, gridThumbnailPath(id, generation.createdAt)))).toBe(false);
  });
});

describe('purging', () => {
  it('a purged image takes its generation’s grid with it (its copy of the image is in it); a purged generation its grid', async () => {
    const kept = await servedGeneration();
    const binned = await servedGeneration();
    await saveAll(kept);
    await saveAll(binned);
    const keptGrid = getGeneration(library.db, kept).grid!.path;
    const binnedGrid = getGeneration(library.db, binned).grid!.path;

    // one image of the first, the whole second, binned by one change stamped 7
    library.db.prepare('UPDATE images SET deleted_at = 7 WHERE generation_id = ? AND idx = 2').run(kept);
    library.db.prepare('UPDATE generations SET deleted_at = 7 WHERE id = ?').run(binned);
    const { files, more } = purgeStampedPart(library.db, 7);
    expect(more).toBe(false);
    expect(files).toEqual(expect.arrayContaining([keptGrid, binnedGrid]));
    expect(getGeneration(library.db, kept).grid).toBeNull();
    expect(getGeneration(library.db, kept).images.map((image) => image.index)).toEqual([0, 1, 3]);
  });
});

describe('recording a grid just made', () => {
  it('refuses one whose image was purged meanwhile, keeps one a trashed image is in, and leaves a grid recorded meanwhile as it is', async () => {
    const id = await servedGeneration();
    await saveAll(id);
    const grid = getGeneration(library.db, id).grid!;
    expect(recordGridThumbnail(library.db, id, grid)).toBe('kept');
    const forget = () => library.db.prepare('UPDATE generations SET grid_thumbnail = NULL, grid_width = NULL, grid_height = NULL WHERE id = ?').run(id);
    forget();
    // in the trash, the image still has its row: the grid goes with it when the trash is emptied
    library.db.prepare('UPDATE images SET deleted_at = 3 WHERE generation_id = ? AND idx = 0').run(id);
    expect(recordGridThumbnail(library.db, id, grid)).toBe('recorded');
    forget();
    purgeStampedPart(library.db, 3);
    expect(recordGridThumbnail(library.db, id, grid)).toBe('gone');
    expect(getGeneration(library.db, id).grid).toBeNull();
    expect(recordGridThumbnail(library.db, 999_999, grid)).toBe('gone');
  });
});

describe('the grid backfill (migration 24): generations saved before grid thumbnails', () => {
  it('migration 24 marks a library that has generations, newest first from the last; an empty one needs none', () => {
    mkdirSync(library.dataDir + '-older');
    const raw = new Database(libraryPath(library.dataDir + '-older'));
    try {
      migrate(raw, 23);
      const id = insertGenerationRow(raw, newGeneration({ prompt: 'a saved run' }), 1_000);
      migrate(raw);
      expect(raw.prepare('SELECT below FROM grid_backfill').pluck().get()).toBe(id + 1);
    } finally {
      raw.close();
      rmSync(library.dataDir + '-older', { recursive: true, force: true });
    }
    expect(gridsReady(library.db)).toBe(true);
  });

  /** Saved runs as a library from before grids holds them: thumbnails, no grid, the backfill's mark above the newest. */
  async function olderRuns(): Promise<{ whole: number[]; missingOne: number; binned: number }> {
    const whole = [await servedGeneration(), await servedGeneration()];
    const missingOne = await servedGeneration(3);
    const binned = await servedGeneration();
    whole.push(await servedGeneration());
    for (const id of [...whole, missingOne, binned]) await saveAll(id);
    for (const id of [...whole, binned]) {
      rmSync(toAbsolutePath(library.dataDir, getGeneration(library.db, id).grid!.path));
      library.db.prepare('UPDATE generations SET grid_thumbnail = NULL, grid_width = NULL, grid_height = NULL WHERE id = ?').run(id);
    }
    library.db.prepare('UPDATE generations SET deleted_at = 9 WHERE id = ?').run(binned);
    library.db.exec('INSERT INTO grid_backfill (id, below) SELECT 1, max(id) + 1 FROM generations');
    return { whole, missingOne, binned };
  }

  it('makes them newest first, a batch a step, skipping what cannot have one; called again, it carries on from its mark', async () => {
    const { whole, missingOne, binned } = await olderRuns();
    const gridded = () => whole.filter((id) => getGeneration(library.db, id).grid !== null);
    expect(gridsReady(library.db)).toBe(false);

    const first = await fillGridThumbnails(library.db, { dataDir: library.dataDir, batch: 2, sliceMs: 0 });
    // one step of two: the newest (whole) and the binned one below it, which gets none
    expect(first).toMatchObject({ ready: false, made: 1 });
    expect(gridded()).toEqual([whole[2]]);

    const rest = await fillGridThumbnails(library.db, { dataDir: library.dataDir, batch: 2, sliceMs: 60_000 });
    expect(rest).toMatchObject({ ready: true, made: 2 });
    expect(gridsReady(library.db)).toBe(true);
    expect(gridded()).toEqual(whole);
    for (const id of whole) {
      const { grid, createdAt } = getGeneration(library.db, id);
      expect(grid).toEqual({ path: gridThumbnailPath(id, createdAt), width: 800, height: 448 });
      const colours = await quarterColours(toAbsolutePath(library.dataDir, grid!.path));
      colours.forEach((colour, i) => expect(near(colour, COLOURS[i]!), `generation ${id} quarter ${i}`).toBe(true));
    }
    expect(getGeneration(library.db, missingOne).grid).toBeNull();
    expect(getGeneration(library.db, binned).grid).toBeNull();
    expect(existsSync(toAbsolutePath(library.dataDir, gridThumbnailPath(binned, getGeneration(library.db, binned).createdAt)))).toBe(false);
    // done: a later call does nothing
    expect(await fillGridThumbnails(library.db, { dataDir: library.dataDir })).toEqual({ ready: true, made: 0, longestStepMs: 0 });
  });

  it('is carried on by the upkeep thread at start-up', async () => {
    const { whole } = await olderRuns();
    closeLibrary(library.db);
    const { close } = await closableCore(library.dataDir, []);
    const reader = new Database(libraryPath(library.dataDir), { readonly: true });
    try {
      const gridded = reader.prepare('SELECT count(*) FROM generations WHERE id IN (SELECT value FROM json_each(?)) AND grid_thumbnail IS NOT NULL').pluck();
      await expect.poll(() => gridded.get(JSON.stringify(whole)), { timeout: 30_000 }).toBe(whole.length);
      await expect.poll(() => reader.prepare('SELECT count(*) FROM grid_backfill').pluck().get(), { timeout: 10_000 }).toBe(0);
    } finally {
      reader.close();
      await close();
    }
  }, 60_000);
});
