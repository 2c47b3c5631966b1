/**
 * The old search index (migration 2's FTS5 table, `generations_fts`) removed in steps once the
 * date-ordered one holds every generation (search-index.ts).
 *
 * A DROP TABLE frees every page of the table in one transaction, walking its tree page by page: at
 * 100,000 generations the old index (~5,200 pages) held the write lock 57-72 ms with its pages in the
 * OS cache and ~280 ms without, and the core's next write waited that long (bench:fills); it grows
 * with the library. An FTS5 table cannot be emptied in steps through FTS5 (its tables must agree,
 * and the full check's integrity_check reads its structure), so first its one row in `sqlite_schema`
 * goes, in one short transaction: its four tables stay as plain tables nothing reads, which the
 * check finds sound, and they are then emptied in ~10 ms steps (in-steps.ts) and dropped once empty.
 * A stop at any point carries on at the next start (`oldIndexPresent` sees what is left).
 */
import { performance } from 'node:perf_hooks';
import type { Library } from './database.ts';
import { fillInSteps, LEAST_ROWS, STEP_MS, type InStepsReport } from './in-steps.ts';
import { statement } from './statements.ts';

/** Migration 2's FTS5 table. */
const OLD_INDEX = 'generations_fts';

/** FTS5's tables of an external-content table (as named by FTS5), each with its key, in the order they are emptied (largest first). */
const LEFTOVERS = [
  { table: 'generations_fts_data', key: 'id' },
  { table: 'generations_fts_docsize', key: 'id' },
  { table: 'generations_fts_idx', key: 'segid, term' },
  { table: 'generations_fts_config', key: 'k' },
] as const;
type Leftover = (typeof LEFTOVERS)[number];

/** The old index and its tables: what is there to remove while any of them is. */
const OLD_TABLES = [OLD_INDEX, ...LEFTOVERS.map(({ table }) => table)];

/** Whether the old index, or anything left of it, is still there to remove. */
export function oldIndexPresent(db: Library): boolean {
  return statement(db, `SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name IN (${OLD_TABLES.map(() => '?').join(', ')})`).get(...OLD_TABLES) !== undefined;
}

/** The old index stops being written (searches no longer read it). */
export function dropOldTriggers(db: Library): void {
  db.exec('DROP TRIGGER IF EXISTS generations_fts_insert; DROP TRIGGER IF EXISTS generations_fts_delete; DROP TRIGGER IF EXISTS generations_fts_update;');
}

/**
 * Removes the old index: its schema row in one transaction, then its tables in steps of about
 * STEP_MS. `sliceMs` stops after about that long (at least one step), for a caller that calls again.
 */
export async function removeOldIndex(db: Library, sliceMs?: number): Promise<InStepsReport> {
  const unlinking = performance.now();
  const unlinked = forgetOldIndex(db);
  const unlinkMs = unlinked ? performance.now() - unlinking : 0;
  const report = await fillInSteps<readonly unknown[][]>({
    db,
    ready: () => nextLeftover(db) === undefined,
    // the rows read (their overflow pages too) before the lock is taken: the step then deletes
    // pages already in the cache, where a cold page can take a slow disk many milliseconds each
    prepare: async (batch) => {
      const leftover = nextLeftover(db);
      return leftover === undefined ? [] : (statement(db, `SELECT ${leftover.key}, * FROM ${leftover.table} LIMIT ?`).raw().all(batch) as unknown[][]);
    },
    step: (_batch, rows) => emptyStep(db, rows),
    batch: { start: 50, min: LEAST_ROWS, max: 5000 },
    sliceMs,
  });
  return { ...report, longestStepMs: Math.max(report.longestStepMs, unlinkMs) };
}

/**
 * Takes the old index's row out of `sqlite_schema` (triggers first), leaving its tables as plain
 * ones; false when it was already gone. Editing the schema table needs SQLite's defensive mode off
 * (better-sqlite3's "unsafe mode") and `writable_schema` on for this one transaction; the schema's
 * version moves on, so every other connection reads the schema again before its next statement, and
 * RESET makes this one read it again too.
 */
function forgetOldIndex(db: Library): boolean {
  if (statement(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(OLD_INDEX) === undefined) return false;
  db.unsafeMode(true);
  try {
    db.transaction(() => {
      dropOldTriggers(db);
      const version = db.pragma('schema_version', { simple: true }) as number;
      db.pragma('writable_schema = ON');
      db.prepare("DELETE FROM sqlite_schema WHERE type = 'table' AND name = ?").run(OLD_INDEX);
      db.pragma(`schema_version = ${version + 1}`);
    }).immediate();
  } finally {
    db.pragma('writable_schema = RESET');
    db.unsafeMode(false);
  }
  return true;
}

/** The first of the old index's tables still there. */
function nextLeftover(db: Library): Leftover | undefined {
  const present = new Set(statement(db, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN (${LEFTOVERS.map(() => '?').join(', ')})`).pluck().all(...LEFTOVERS.map(({ table }) => table)) as string[]);
  return LEFTOVERS.find(({ table }) => present.has(table));
}

/**
 * One transaction: the rows read before it deleted one by one until STEP_MS (LEAST_ROWS at least),
 * and the table dropped once empty (cheap then: its root page). Returns how many rows went.
 */
function emptyStep(db: Library, rows: readonly unknown[][]): number {
  return db
    .transaction(() => {
      const began = performance.now();
      const leftover = nextLeftover(db);
      if (leftover === undefined) return 0;
      const keys = leftover.key.split(', ');
      const remove = statement(db, `DELETE FROM ${leftover.table} WHERE ${keys.map((key) => `${key} = ?`).join(' AND ')}`);
      let removed = 0;
      for (const row of rows) {
        remove.run(...row.slice(0, keys.length));
        removed += 1;
        if (removed >= LEAST_ROWS && performance.now() - began > STEP_MS) break;
      }
      if (statement(db, `SELECT 1 FROM ${leftover.table} LIMIT 1`).get() === undefined) db.exec(`DROP TABLE ${leftover.table}`);
      return removed;
    })
    .immediate();
}
