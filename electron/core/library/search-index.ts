/**
 * The search index read in date order (migration 7): whether it holds every generation yet, and
 * the background backfill that indexes the rows written before that migration, then removes the
 * old index. It runs on the upkeep thread in small transactions, so the core's own writes never
 * wait long, and searches read the old index until it is done.
 */
import { performance } from 'node:perf_hooks';
import type { Library } from './database.ts';
import { fillInSteps, markOf, writeInTime } from './in-steps.ts';
import { dropOldTriggers, oldIndexPresent, removeOldIndex } from './old-index.ts';
import { statement } from './statements.ts';

/**
 * FTS5 merge work (pages) a step does. FTS5's own merge after each write (automerge) is off since
 * migration 19: it ran in the committing connection, on the core's thread for the core's writes,
 * up to ~30 ms of CPU at 1M. The index's segments are merged in steps instead, off the core: by the
 * backfill below, and after the core's writes by the checkpoint thread (checkpoints.ts). A step
 * stops only between words, so one that meets a word in most prompts writes that word's list whole;
 * at 1M a step's own cost is most of it: 16 pages took 24–69 ms and kept the core's inserts waiting
 * up to ~45 ms, 4 pages up to ~34 ms. Four pages a step every ~40 ms still merge far faster than an
 * artist adds runs (a run's index entries are a page or two, merged about ten times over).
 */
export const MERGE_PAGES = 4;

/** The backfill's merge work a step, as measured with its ~10 ms of rows (bench:fills): its own segments come faster than the thread's. */
const FILL_MERGE_PAGES = 64;

/** Up to `pages` of merge work where some level of the index holds four segments or more, in the caller's transaction. */
function merge(db: Library, pages: number): void {
  db.exec(`INSERT INTO generations_search (generations_search, rank) VALUES ('merge', ${pages})`);
}

/**
 * One transaction of merge work on the index's segments (MERGE_PAGES), where some level holds four
 * or more; whether it found any (FTS5 changes two or more rows when it merged).
 */
export function mergeSearchIndex(db: Library): boolean {
  const changes = statement(db, 'SELECT total_changes()').pluck();
  const before = changes.get() as number;
  db.transaction(() => merge(db, MERGE_PAGES)).immediate();
  return (changes.get() as number) - before >= 2;
}

/** Whether the date-ordered index holds every generation (always, for a library made at version 7 or later). */
export function searchIndexReady(db: Library): boolean {
  return markOf(db, 'search_backfill') === undefined;
}

/** Whether the backfill has anything to do: generations to index, or the old index to remove. */
export function searchIndexNeedsWork(db: Library): boolean {
  return !searchIndexReady(db) || oldIndexPresent(db);
}

/** What the backfill did: generations indexed, the longest transaction, whether the old index went. */
export interface BackfillReport {
  indexed: number;
  longestStepMs: number;
  oldIndexRemoved: boolean;
}

/**
 * Indexes every generation the triggers did not (those written before migration 7), newest first,
 * in transactions of about 10 ms; then says the index is complete and removes the old one (in steps too, old-index.ts). Safe to stop at any point and to run again: it carries on where it was.
 */
export async function fillSearchIndex(db: Library): Promise<BackfillReport> {
  const report: BackfillReport = { indexed: 0, longestStepMs: 0, oldIndexRemoved: false };
  const done = await fillInSteps({
    db,
    ready: () => searchIndexReady(db),
    step: (batch) => step(db, batch),
    batch: { start: 50, min: 10, max: 2000 },
  });
  report.indexed = done.rows;
  report.longestStepMs = done.longestStepMs;
  if (oldIndexPresent(db)) {
    const removed = await removeOldIndex(db);
    report.longestStepMs = Math.max(report.longestStepMs, removed.longestStepMs);
    report.oldIndexRemoved = true;
  }
  return report;
}

/** One backfill transaction: up to `batch` generations below the mark, then the mark moves down. */
function step(db: Library, batch: number): number {
  return db
    .transaction(() => {
      const began = performance.now();
      const below = markOf(db, 'search_backfill');
      if (below === undefined) return 0;
      const rows = statement(db, 'SELECT id FROM generations WHERE id < ? ORDER BY id DESC LIMIT ?').all(below, batch) as { id: number }[];
      const place = statement(db, 'INSERT INTO search_entries (generation_id) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM search_order WHERE generation_id = ?)');
      const done = writeInTime(db, 'search_backfill', rows, batch, began, ({ id }) => place.run(id, id));
      // complete: searches read this index from the next one on, and the old one stops being written
      if (searchIndexReady(db)) dropOldTriggers(db);
      merge(db, FILL_MERGE_PAGES);
      return done;
    })
    .immediate();
}
