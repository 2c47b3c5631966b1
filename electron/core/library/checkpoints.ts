/**
 * Copies the write-ahead log back into the library file on a thread of its own. SQLite's automatic
 * checkpoint runs inside the commit that crosses its mark (1,000 pages of log), on the committing
 * thread: with the core's many small writes that was the core's thread, for up to ~40 ms (the copy
 * and its sync) every few hundred writes. The core's connection keeps only a far mark, a safety net
 * should this thread fall behind; this thread checkpoints within about a second of the core's
 * writes, passively: it never waits for a reader or a writer, nor holds one up.
 */
import type { Library } from './database.ts';
import { LibraryWorker } from './worker.ts';

/** How often the core's writes since the last checkpoint are looked for. */
export const CHECKPOINT_EVERY_MS = 1_000;

/** The core's own automatic checkpoint, only if the checkpoint thread falls far behind (pages of log, ~40 MB). */
export const CORE_CHECKPOINT_PAGES = 10_000;

export interface Checkpoints {
  /** Stops looking, lets a checkpoint under way finish, and ends the thread. */
  close(): Promise<void>;
}

/** Checkpoints the core's writes off its thread, from now until `close`. */
export function startCheckpoints(db: Library, file: string): Checkpoints {
  db.pragma(`wal_autocheckpoint = ${CORE_CHECKPOINT_PAGES}`);
  const thread = new LibraryWorker(file, { name: 'checkpoint', writable: true });
  // rows the core's connection has written since it opened: a cheap sign of new log to copy back
  const written = db.prepare('SELECT total_changes()').pluck();
  let seen = written.get();
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (!db.open) return;
    const now = written.get();
    if (running !== null || now === seen) return;
    seen = now;
    running = thread
      .run('checkpoint', undefined)
      .catch((error: unknown) => console.error('[atelier] copying the library log back into its file failed (it tries again after the next change):', error))
      .finally(() => {
        running = null;
      });
  }, CHECKPOINT_EVERY_MS);
  timer.unref();
  return {
    close: async () => {
      clearInterval(timer);
      await running;
      await thread.close();
    },
  };
}
