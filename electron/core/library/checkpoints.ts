/**
 * Puts the core's writes away on a thread of its own: merges the search index's new segments, then
 * copies the write-ahead log back into the library file. Both used to run inside the core's own
 * commits, on the core's thread: SQLite's automatic checkpoint when the log crossed 1,000 pages (the
 * copy and its sync, up to ~40 ms every few hundred writes) and FTS5's automatic merge (up to ~30 ms
 * of CPU at 1M; off since migration 19). The core's connection keeps only a far checkpoint mark, a
 * safety net should this thread fall behind. Within about a second of the core's writes this thread
 * merges a step (one short write transaction) and checkpoints passively (it never waits for a reader
 * or a writer, nor holds one up); while a step finds more merge work, the next follows after a rest (in-steps.ts REST_MS).
 */
import type { Library } from './database.ts';
import { REST_MS } from './in-steps.ts';
import { LibraryWorker } from './worker.ts';

/** How often the core's writes since the last look are looked for. */
export const CHECKPOINT_EVERY_MS = 1_000;


/** The core's own automatic checkpoint, only if the checkpoint thread falls far behind (pages of log, ~40 MB). */
export const CORE_CHECKPOINT_PAGES = 10_000;

export interface Checkpoints {
  /** Stops looking, lets a step under way finish, and ends the thread. */
  close(): Promise<void>;
}

/** Merges and checkpoints the core's writes off its thread, from now until `close`. */
export function startCheckpoints(db: Library, file: string): Checkpoints {
  db.pragma(`wal_autocheckpoint = ${CORE_CHECKPOINT_PAGES}`);
  const thread = new LibraryWorker(file, { name: 'checkpoint', writable: true });
  // rows the core's connection has written since it opened: a cheap sign of new work
  const written = db.prepare('SELECT total_changes()').pluck();
  let seen = written.get();
  let closed = false;
  let running: Promise<unknown> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const next = (delay: number, moreToMerge = false) => {
    if (closed) return;
    timer = setTimeout(() => look(moreToMerge), delay);
    timer.unref();
  };
  const look = (moreToMerge = false) => {
    if (closed || !db.open) return;
    const now = written.get();
    if (!moreToMerge && now === seen) return next(CHECKPOINT_EVERY_MS);
    seen = now;
    running = thread
      .run('mergeAndCheckpoint', undefined)
      .then(
        ({ merged }) => (merged ? next(REST_MS, true) : next(CHECKPOINT_EVERY_MS)),
        (error: unknown) => {
          console.error('[atelier] putting the library\'s writes away (index merge, log copy) failed; it tries again after the next change:', error);
          next(CHECKPOINT_EVERY_MS);
        },
      )
      .finally(() => {
        running = null;
      });
  };
  next(CHECKPOINT_EVERY_MS);
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await running;
      await thread.close();
    },
  };
}
