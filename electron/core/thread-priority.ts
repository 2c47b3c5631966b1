/**
 * Lets the calling thread yield the machine's cores to the app's window and the core's thread, for
 * a reader whose answers nobody waits on: the gallery's totals, the full check and the daily backup. At 1M a common word's count keeps a
 * core busy 0.2-0.7 s; typing the next word meanwhile, on 2 cores, the grid showed it 200-250 ms
 * after the last key, not ~80. (A busy window can stretch such a count to seconds: its total shows
 * as counting meanwhile.)
 *
 * Linux only: there each thread has a nice value of its own (setpriority on the thread's id, read
 * from /proc/thread-self). Elsewhere a priority is the whole process's, the core's thread included,
 * so it is left as it is. Never for a writer: one descheduled while it holds the write lock would
 * hold up the core's own writes (and at nice 10 an upkeep backfill once starved beside busy work).
 */
import { readlinkSync, stat } from 'node:fs';
import os from 'node:os';

/** Lowers this thread's priority to below normal (nice 10: a busy window still leaves it ~10 % of a core). True if it did. */
export function yieldToTheWindow(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    // libuv's pool (file reads, zlib, better-sqlite3's backup steps) is the whole process's, started by
    // the first thread that uses it, and its threads take that thread's nice value: started from a
    // thread already lowered, it ran every file read of the core's below normal too. So it is
    // started here first, if no thread has yet (a request queued at once starts it on this thread).
    stat(process.execPath, () => undefined);
    os.setPriority(threadId, os.constants.priority.PRIORITY_BELOW_NORMAL);
    return true;
  } catch {
    // a sandbox without /proc, or a system that refuses: the thread runs at normal priority, as before
    return false;
  }
}
