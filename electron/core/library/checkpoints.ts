/**
 * Puts the core's writes away on a thread of its own: copies the write-ahead log back into the
 * library file, then merges the search index's new segments. Both used to run inside the core's own
 * commits, on the core's thread: SQLite's automatic checkpoint when the log crossed 1,000 pages (the
 * copy and its sync, up to ~40 ms every few hundred writes) and FTS5's automatic merge (up to ~30 ms
 * of CPU at 1M; off since migration 19). The core's connection keeps only a far checkpoint mark, a
 * safety net should this thread fall behind. Within a quarter of a second of the core's writes this
 * thread copies passively (it never waits for a reader or a writer, nor holds one up); once a look
 * finds the core has stopped writing, it merges a step (one write transaction); while a step finds
 * more merge work, the next follows after a rest (in-steps.ts REST_MS). A step over big segments
 * waits for the core to be quiet for longer (BIG_MERGE_PAGES, QUIET_MS).
 */
import type { Library } from './database.ts';
import { REST_MS } from './in-steps.ts';
import { LibraryWorker } from './worker.ts';

/** How often the core's writes since the last look are looked for. */
export const CHECKPOINT_EVERY_MS = 250;

/**
 * The core's own automatic checkpoint, only if the checkpoint thread falls far behind (pages of log,
 * ~200 MB). While the core writes without a pause the log cannot start over (each copy ends behind the
 * core's newest commit), so it grows by the burst: ~21 pages a generation at 1M, one by one. At
 * 10,000 pages a burst of ~450 reached this mark and the core copied and synced the log in its own
 * commit (45–220 ms); 50,000 holds a burst of ~2,400, and the log starts over at its first pause.
 */
export const CORE_CHECKPOINT_PAGES = 50_000;

/**
 * A merge step over more segment pages than this waits until the core has not written for QUIET_MS.
 * A step stops only between words, so it writes a word's whole merged list: over small segments (a
 * burst's, up to ~660 pages at 1M) a step held the lock 1–4 ms, but merging the 1M index's big
 * segments (~200,000 pages) took steps of 30–200 ms (p99 35 ms), and a core write that comes
 * meanwhile waits that long. Big merges come rarely (a level's fourth big segment: ~every 16,000
 * runs for 8 MB ones) and are put off until the core is quiet, while small ones keep the burst's
 * segments few.
 */
export const BIG_MERGE_PAGES = 2_000;

/** How long the core must not have written before a big merge step runs. */
export const QUIET_MS = 2_000;

/** SQLite's own automatic checkpoint mark, for the core's connection when the thread has stopped. */
const SQLITE_CHECKPOINT_PAGES = 1_000;

export interface Checkpoints {
  /** Stops looking, lets a step under way finish, and ends the thread. */
  close(): Promise<void>;
}

export interface CheckpointOptions {
  /** Merge steps over more pages than this wait for the core to be quiet (BIG_MERGE_PAGES unless said: tests lower it). */
  bigMergePages?: number;
  /** Told of a copy or merge that failed, once logged: damage met there is the artist's to know (threads.ts). */
  onFailure?: (error: unknown) => void;
  /** When to start the thread (now unless said); the first writes to put away start it sooner. */
  startAfter?: Promise<unknown>;
}

/** Merges and checkpoints the core's writes off its thread, from now until `close`. */
export function startCheckpoints(db: Library, file: string, options: CheckpointOptions = {}): Checkpoints {
  const bigMergePages = options.bigMergePages ?? BIG_MERGE_PAGES;
  db.pragma(`wal_autocheckpoint = ${CORE_CHECKPOINT_PAGES}`);
  const thread = new LibraryWorker(file, { name: 'checkpoint', writable: true });
  // started early, so it is up (~0.3 s) before the first writes it has to put away
  if (options.startAfter === undefined) thread.start();
  else void options.startAfter.then(() => closed || thread.start());
  // rows the core's connection has written since it opened: a cheap sign of new work
  const written = db.prepare('SELECT total_changes()').pluck();
  let seen = written.get();
  let wroteAt = Date.now();
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
    if (now !== seen) wroteAt = Date.now();
    seen = now;
    // a merge step holds the write lock (at 1M, small ones 5-70 ms): while the core keeps writing
    // (a burst, a bulk action's parts) only the log is copied, and the index merges once a look finds
    // it has stopped; its own commits meanwhile merge at FTS5's far mark (migration 22)
    const quietFor = Date.now() - wroteAt;
    const mergeUpTo = quietFor >= QUIET_MS ? null : quietFor >= CHECKPOINT_EVERY_MS ? bigMergePages : 0;
    running = thread
      .run('putAway', { mergeUpTo })
      // a big step put off: look again until the core is quiet, new writes or not
      .then(
        ({ merged, waiting }) => (merged ? next(REST_MS, true) : next(CHECKPOINT_EVERY_MS, waiting)),
        (error: unknown) => {
          console.error('[atelier] putting the library\'s writes away (index merge, log copy) failed; it tries again after the next change:', error);
          options.onFailure?.(error);
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
      // with no thread to copy it back, SQLite's own mark again
      if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_CHECKPOINT_PAGES}`);
    },
  };
}
