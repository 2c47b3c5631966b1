/**
 * Grid thumbnails for the generations saved before them (migration 24), made on the upkeep thread:
 * newest first, as the gallery's first screens show them; a batch made outside the write lock (sharp
 * reads four thumbnails and writes one picture each), then recorded in one short transaction,
 * resting as long as it worked, in slices of a few seconds so a backup or a restore never waits long
 * behind it. The mark (`grid_backfill.below`) moves with every batch: a stop carries on at the next start.
 * Until it reaches a generation, that tile draws its four thumbnails, as it always did.
 */
import { rm } from 'node:fs/promises';
import { IMAGES_PER_GENERATION, type GridThumbnail } from '../../../shared/generation.ts';
import { gridThumbnailPath, toAbsolutePath } from '../media/layout.ts';
import { workAhead } from '../media/work-ahead.ts';
import type { Library } from './database.ts';
import { fillInSteps, markOf, moveMark } from './in-steps.ts';
import { recordGridThumbnail } from './images.ts';
import { SHOWN_IMAGE } from './rows.ts';
import { statement } from './statements.ts';
import { storageProblemOf } from '../storage-errors.ts';

/** Generations looked at between two transactions. */
const BATCH = 16;
/** How long one call works before it hands the upkeep thread back. */
const SLICE_MS = 3_000;
/** Grids made at once: sharp decodes on threads of its own, and the other core is the artist's. */
const GRIDS_AHEAD = 2;

/** Whether every generation saved before grid thumbnails has been looked at. */
export function gridsReady(db: Library): boolean {
  return markOf(db, 'grid_backfill') === undefined;
}

export interface GridSlice {
  /** True once every older generation has been looked at. */
  ready: boolean;
  made: number;
  longestStepMs: number;
}

interface Candidate {
  id: number;
  created_at: number;
  thumbnails: string | null;
}

/** Makes older generations' grid thumbnails for about `sliceMs`, newest first; safe to stop at any point and to run again. */
export async function fillGridThumbnails(db: Library, options: { dataDir: string; sliceMs?: number; batch?: number }): Promise<GridSlice> {
  const slice: GridSlice = { ready: gridsReady(db), made: 0, longestStepMs: 0 };
  if (slice.ready) return slice;
  // loaded here, not with the module: every library thread loads this file's job list, and sharp costs ~110 ms of CPU
  const { makeGridThumbnail } = await import('../media/grid-thumbnail.ts');
  /** A grid for a generation with four saved images that has none; null for any other (fewer images, a missing file). */
  const gridOf = (row: Candidate): Promise<GridThumbnail | null> => {
    const thumbnails: unknown = row.thumbnails === null ? null : JSON.parse(row.thumbnails);
    if (!Array.isArray(thumbnails) || thumbnails.length !== IMAGES_PER_GENERATION || thumbnails.some((t) => typeof t !== 'string')) return Promise.resolve(null);
    return makeGridThumbnail(options.dataDir, thumbnails as string[], gridThumbnailPath(row.id, row.created_at)).catch((error: unknown) => {
      // a full or read-only disk stops the slice where it is, the mark unmoved; a missing or damaged thumbnail only skips its generation
      if (storageProblemOf(error, options.dataDir) !== undefined) throw error;
      return null;
    });
  };
  const makeBatch = async (size: number) => {
    // each generation's shown thumbnails in index order, only when all four are saved and it has no grid yet
    const rows = statement(
      db,
      `SELECT g.id, g.created_at, CASE WHEN g.grid_thumbnail IS NULL AND g.deleted_at IS NULL THEN (
         SELECT CASE WHEN count(*) = ${IMAGES_PER_GENERATION} AND count(thumbnail) = ${IMAGES_PER_GENERATION} THEN json_group_array(thumbnail ORDER BY idx) END
         FROM images WHERE generation_id = g.id AND ${SHOWN_IMAGE} AND state = 'done'
       ) END AS thumbnails
       FROM generations g WHERE g.id < ? ORDER BY g.id DESC LIMIT ?`,
    ).all(markOf(db, 'grid_backfill') ?? 0, size) as Candidate[];
    const made: { id: number; grid: GridThumbnail }[] = [];
    for await (const { item, result } of workAhead(rows, gridOf, { ahead: GRIDS_AHEAD })) if (result !== null) made.push({ id: item.id, grid: result });
    return { rows, made };
  };
  const record = (size: number, { rows, made }: Awaited<ReturnType<typeof makeBatch>>): number => {
    const gone: string[] = [];
    db.transaction(() => {
      // an image purged meanwhile takes the grid that shows it; one the queue recorded meanwhile is the same file
      for (const { id, grid } of made) {
        const outcome = recordGridThumbnail(db, id, grid);
        if (outcome === 'recorded') slice.made += 1;
        else if (outcome === 'gone') gone.push(grid.path);
      }
      moveMark(db, 'grid_backfill', rows.length, size, rows.at(-1)?.id);
    }).immediate();
    for (const path of gone) void rm(toAbsolutePath(options.dataDir, path), { force: true }).catch(() => undefined);
    return rows.length;
  };
  const batch = options.batch ?? BATCH;
  const done = await fillInSteps({
    db,
    ready: () => gridsReady(db),
    prepare: makeBatch,
    step: record,
    batch: { start: batch, min: batch, max: batch },
    sliceMs: options.sliceMs ?? SLICE_MS,
  });
  slice.longestStepMs = done.longestStepMs;
  slice.ready = gridsReady(db);
  return slice;
}
