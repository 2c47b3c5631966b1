/**
 * The write-ahead log copied back into the library file and started over, on a background thread's
 * connection (the checkpoint thread's, a fill's), so that neither the copy nor the start-over's sync
 * lands in one of the core's commits.
 */
import type { Library } from './database.ts';

/** Passive copies in a row, at most, to reach the log's end while the core keeps writing (or a reader holds an old snapshot: then none gains). */
const COPY_TRIES = 5;

/**
 * Copies the log back into the library file, passively: it never waits, nor holds a writer up. The
 * log only starts over at a writer's commit that began with every page copied back, which one
 * passive copy never achieves while the core keeps writing (a bulk action's parts, a burst of runs):
 * the log grew to the core's far mark and the core copied 40 MB in its commit (~200 ms at 1M). So
 * copies follow one another until one finds nothing new (each shorter than the last while the core
 * writes; five at most), and then this thread starts the log over itself (`startLogOver`). A reader
 * of an old snapshot (a count) or a copy under way can still keep it from starting over for a
 * while: at 1M, in a burst of 1,000 inserts, the log still reached ~9,600 pages before it did. (A
 * RESTART instead held the write lock for its copy and the file's sync: the core's writes waited up
 * to ~57 ms.)
 */
export function checkpointLog(db: Library): { log: number; copied: number } {
  const copy = () => (db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[])[0];
  // a copy reaches the end of the log as it was when the copy began: the core may have written
  // since, so copy again until one finds nothing new and all copied (each shorter than the last)
  let row = copy();
  for (let tries = 1; tries < COPY_TRIES && row !== undefined; tries += 1) {
    const again = copy();
    const caughtUp = again !== undefined && again.log === row.log && again.checkpointed === again.log;
    row = again;
    if (caughtUp) break;
  }
  if (row !== undefined && row.log > 0 && row.checkpointed === row.log) startLogOver(db);
  return { log: row?.log ?? 0, copied: row?.checkpointed ?? 0 };
}

/**
 * Starts the log over right after a complete copy, with a write that changes nothing (the file's
 * user version set to itself: one page). The first commit after a complete copy starts the log over
 * and syncs its new header inside its transaction (SQLite's wal.c: an out-of-order write after a
 * start-over could otherwise damage the file), whoever's commit it is; that was most often the
 * core's, and on this machine a sync waits behind every other thread's (15-20 ms idle, 100-300 ms
 * while an import writes pictures: `perf trace` of bench:export). Done here, the core's next commit
 * appends to a log already started over. Never waits: if a writer holds the lock, its commit (or the
 * next copy) does it instead.
 */
export function startLogOver(db: Library): boolean {
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      db.pragma(`user_version = ${version}`);
    }).immediate();
    return true;
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'SQLITE_BUSY') return false;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}
