/**
 * The hashes of images saved before migration 14, filled in on the upkeep thread: newest first, a
 * few images per transaction (each well under 10 ms), the images of a batch decoded and hashed a
 * few at once as an import reads them (media/work-ahead.ts), resting as long as it worked between
 * batches so hashing never takes more than about half the time, and in slices of a few seconds so
 * the daily backup or a restore never waits long behind it. The mark (`hash_backfill.below`) moves
 * with every batch: a stop at any point carries on where it was at the next start.
 */
import type { HashingProgress } from '../../../shared/duplicates.ts';
import type { Fingerprint } from '../media/fingerprint.ts';
import { toAbsolutePath } from '../media/layout.ts';
import { Budget, PIXELS_AT_ONCE, workAhead } from '../media/work-ahead.ts';
import type { Library } from './database.ts';
import { fillInSteps, markOf, moveMark } from './in-steps.ts';
import { recordImageHashes } from './similar.ts';
import { statement } from './statements.ts';

/** Images fingerprinted between two transactions (a few at once). */
const BATCH = 16;
/** How long one call works before it hands the upkeep thread back. */
const SLICE_MS = 3_000;

/** How far the backfill is, or null when every image is hashed. */
export function hashingProgress(db: Library): HashingProgress | null {
  const row = statement(db, 'SELECT done, total FROM hash_backfill WHERE id = 1').get() as { done: number; total: number | null } | undefined;
  return row === undefined ? null : { done: row.done, total: row.total };
}

export interface HashSlice {
  /** Null once every image is hashed. */
  progress: HashingProgress | null;
  hashed: number;
  /** Images whose file could not be read (missing or damaged): left out, not tried again. */
  unreadable: number;
  longestStepMs: number;
}

export interface HashSliceOptions {
  dataDir: string;
  /** How long this call may work (default 3 s); the caller calls again while `progress` is not null. */
  sliceMs?: number;
  batch?: number;
}

/** Hashes older images for about `sliceMs`, newest first; safe to stop at any point and to run again. */
export async function fillImageHashes(db: Library, options: HashSliceOptions): Promise<HashSlice> {
  const slice: HashSlice = { progress: hashingProgress(db), hashed: 0, unreadable: 0, longestStepMs: 0 };
  if (slice.progress === null) return slice;
  if (slice.progress.total === null) {
    // counted here, on the upkeep thread, reading every image row once: as a read, so the core's
    // writes never wait for it (only this backfill moves the mark meanwhile)
    const below = markOf(db, 'hash_backfill');
    const left = statement(db, "SELECT count(*) FROM images WHERE id < ? AND state = 'done' AND file IS NOT NULL").pluck().get(below) as number;
    statement(db, 'UPDATE hash_backfill SET total = done + ? WHERE id = 1').run(left);
  }
  // loaded here, not with the module: every library thread loads this file (worker-jobs.ts), and
  // sharp costs each ~110 ms of CPU at its start; only this job decodes pictures
  const { fingerprintImage } = await import('../media/fingerprint.ts');
  const batch = options.batch ?? BATCH;
  const pixels = new Budget(PIXELS_AT_ONCE);
  /** Both hashes of one stored image, on sharp's threads and this one; null when its file is missing or damaged. */
  const fingerprintOf = (row: { file: string; pixels: number | null }) =>
    pixels.with(row.pixels ?? 0, () => fingerprintImage(toAbsolutePath(options.dataDir, row.file)).catch(() => null));
  /** The next images below the mark, read and hashed outside the write lock. */
  const hashBatch = async (size: number) => {
    const rows = statement(
      db,
      "SELECT id, file, width * height AS pixels FROM images WHERE id < ? AND state = 'done' AND file IS NOT NULL ORDER BY id DESC LIMIT ?",
    ).all(markOf(db, 'hash_backfill') ?? 0, size) as { id: number; file: string; pixels: number | null }[];
    const found: { id: number; fingerprint: Fingerprint }[] = [];
    for await (const { item: row, result: fingerprint } of workAhead(rows, fingerprintOf)) {
      if (fingerprint !== null) found.push({ id: row.id, fingerprint });
      else slice.unreadable += 1;
    }
    return { rows, found };
  };
  const record = (size: number, { rows, found }: Awaited<ReturnType<typeof hashBatch>>): number => {
    db.transaction(() => {
      // an image deleted meanwhile is left out; one hashed by its save already is kept as it is
      const present = statement(db, 'SELECT 1 FROM images WHERE id = ? AND NOT EXISTS (SELECT 1 FROM image_hashes WHERE image_id = images.id)');
      for (const { id, fingerprint } of found) if (present.get(id) !== undefined) recordImageHashes(db, id, fingerprint);
      if (!moveMark(db, 'hash_backfill', rows.length, size, rows.at(-1)?.id)) statement(db, 'UPDATE hash_backfill SET done = done + ? WHERE id = 1').run(rows.length);
    }).immediate();
    slice.hashed += found.length;
    return rows.length;
  };
  // a fixed batch, resting as long as it worked: the artist's own saves, thumbnails and searches keep the other half
  const done = await fillInSteps({
    db,
    ready: () => markOf(db, 'hash_backfill') === undefined,
    prepare: hashBatch,
    step: record,
    batch: { start: batch, min: batch, max: batch },
    sliceMs: options.sliceMs ?? SLICE_MS,
  });
  slice.longestStepMs = done.longestStepMs;
  // a missing or damaged file is left out of duplicates (the library's own checks tell about files): one line per slice
  if (slice.unreadable > 0) console.warn(`[atelier] ${slice.unreadable} older image file(s) could not be read for duplicates and were left out`);
  slice.progress = hashingProgress(db);
  return slice;
}
