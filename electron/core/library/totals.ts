import type { Library } from './database.ts';
import { generationStatuses, type GenerationStatus } from '../../../shared/generation.ts';
import { statement } from './statements.ts';

/** What the library holds in all: the numbers the stats and the credit summary show. */
export interface LibraryTotals {
  /** Generations not in the bin, by status. */
  byStatus: Record<GenerationStatus, number>;
  favorites: number;
  /** Saved image files of generations not in the bin. */
  images: number;
  /** Bytes of every saved image file (binned ones too: their files stay until purged). */
  bytes: number;
  /** Every credit ever charged, purged generations included. */
  credits: number;
  /**
   * Generations not in the bin by `status:allRejected:stackHidden` (0 or 1 each): the gallery's
   * total with no text and no filter is a sum of these (count-from-totals.ts).
   */
  shown: Record<string, number>;
}

const shownKeys = generationStatuses.flatMap((status) => ['0:0', '0:1', '1:0', '1:1'].map((flags) => `${status}:${flags}`));
const zeroShown = () => Object.fromEntries(shownKeys.map((key) => [key, 0]));

const zeroByStatus = () => Object.fromEntries(generationStatuses.map((s) => [s, 0])) as Record<GenerationStatus, number>;

function asTotals(named: ReadonlyMap<string, number>): LibraryTotals {
  const byStatus = zeroByStatus();
  for (const status of generationStatuses) byStatus[status] = named.get(`status:${status}`) ?? 0;
  return {
    byStatus,
    favorites: named.get('favorites') ?? 0,
    images: named.get('images') ?? 0,
    bytes: named.get('bytes') ?? 0,
    credits: named.get('credits') ?? 0,
    shown: Object.fromEntries(shownKeys.map((key) => [key, named.get(`shown:${key}`) ?? 0])),
  };
}

function asNamed(totals: LibraryTotals): Map<string, number> {
  const named = new Map<string, number>(generationStatuses.map((s) => [`status:${s}`, totals.byStatus[s]]));
  named.set('favorites', totals.favorites);
  named.set('images', totals.images);
  named.set('bytes', totals.bytes);
  named.set('credits', totals.credits);
  for (const key of shownKeys) named.set(`shown:${key}`, totals.shown[key] ?? 0);
  return named;
}

/** Whether the running totals include every row (false only until the one background count after migration 6 or 21). */
export function totalsCounted(db: Library): boolean {
  return statement(db, 'SELECT 1 FROM library_totals_counted WHERE id = 1').get() !== undefined;
}

/** The running totals, kept up to date by triggers on every write: a dozen rows read, whatever the library's size. */
export function readTotals(db: Library): LibraryTotals {
  const rows = statement(db, 'SELECT name, n FROM library_totals').all() as { name: string; n: number }[];
  return asTotals(new Map(rows.map((r) => [r.name, r.n])));
}

/**
 * Counts everything by reading every row: seconds at a million generations, so only for the
 * one background count and for tests that check the running totals against it.
 */
export function countTotals(db: Library): LibraryTotals {
  const byStatus = zeroByStatus();
  const shown = zeroShown();
  // one walk counts both: the statuses are the sums of their shown kinds
  const shownRows = statement(
    db,
    'SELECT status, all_rejected, stack_hidden, count(*) AS n FROM generations WHERE deleted_at IS NULL GROUP BY status, all_rejected, stack_hidden',
  ).all() as { status: GenerationStatus; all_rejected: number; stack_hidden: number; n: number }[];
  for (const row of shownRows) {
    byStatus[row.status] += row.n;
    shown[`${row.status}:${row.all_rejected}:${row.stack_hidden}`] = row.n;
  }
  const row = statement(
    db,
    `SELECT
       (SELECT count(*) FROM generations WHERE favorite = 1 AND deleted_at IS NULL) AS favorites,
       (SELECT count(*) FROM images i JOIN generations g ON g.id = i.generation_id WHERE i.state = 'done' AND i.deleted_at IS NULL AND g.deleted_at IS NULL) AS images,
       (SELECT coalesce(sum(bytes), 0) FROM images WHERE state = 'done') AS bytes,
       (SELECT coalesce(sum(credits), 0) FROM generations WHERE credits > 0)
         + (SELECT coalesce(sum(credits), 0) FROM credits_spent_archive) AS credits`,
  ).get() as Omit<LibraryTotals, 'byStatus' | 'shown'>;
  return { byStatus, ...row, shown };
}

/** The rows as counted in one read snapshot, beside what the triggers had added to the totals by then. */
export interface TotalsSnapshot {
  recorded: LibraryTotals;
  actual: LibraryTotals;
}

/**
 * Step one of the one count after migration 6 or 21 (for a library that already held rows): counts every
 * row in a single read snapshot, together with the totals as the triggers had them at that moment.
 * Meant for a worker's own connection: it reads for seconds at a million generations. Null when the
 * totals are already counted.
 */
export function snapshotTotals(db: Library): TotalsSnapshot | null {
  return db.transaction(() => (totalsCounted(db) ? null : { recorded: readTotals(db), actual: countTotals(db) }))();
}

/**
 * Step two: adds what the snapshot found beyond what the triggers had recorded, so writes the core
 * made after the snapshot (already added by the triggers) stay counted exactly once. A dozen rows
 * written, so the core's own writes never wait long for it. False when already counted.
 */
export function applyTotals(db: Library, snapshot: TotalsSnapshot, now: number = Date.now()): boolean {
  const recorded = asNamed(snapshot.recorded);
  const add = statement(db, 'UPDATE library_totals SET n = n + ? WHERE name = ?');
  return db
    .transaction(() => {
      // another connection may have finished first
      if (totalsCounted(db)) return false;
      for (const [name, value] of asNamed(snapshot.actual)) add.run(value - (recorded.get(name) ?? 0), name);
      statement(db, 'INSERT INTO library_totals_counted (id, counted_at) VALUES (1, ?)').run(now);
      return true;
    })
    .immediate();
}

/** Both steps of the one count after migration 6 or 21; true when this call completed it. */
export function completeTotals(db: Library, now: number = Date.now()): boolean {
  const snapshot = snapshotTotals(db);
  return snapshot !== null && applyTotals(db, snapshot, now);
}
