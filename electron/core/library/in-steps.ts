/**
 * The loop every stepped background fill shares (search index, stack keys, value order, image
 * hashes, member order): one write transaction at a time, each sized to hold the write lock for about STEP_MS,
 * then a rest of at least REST_MS, and at least as long as the step held it (and as a checkpoint took, after one). The rest is what lets
 * the core write: a writer that finds the lock taken sleeps in SQLite's busy handler for 1, 2, 5, 10,
 * 15, 20, 25, 25, 25, 50… ms between tries, so with a 1 ms gap between steps its tries kept landing
 * on the next step (measured: 524 ms at worst while a fill ran), and with a rest as long as a 10 ms
 * step still up to 184 ms (bench:fills at 100k, search index). A rest longer than those gaps holds
 * the core's next try, so a core write waits at most about one step and one gap.
 *
 * About once a second (CHECKPOINT_MS) a rest begins with a passive checkpoint, outside the lock:
 * otherwise the log grows until a commit of the core's crosses its mark (checkpoints.ts) and copies
 * it back (and syncs) on the core's thread. Not after every step: each copy syncs the log and the
 * library file, and starting the log over after a complete copy syncs its header (SQLite's wal.c;
 * the fill does it itself, log-copy.ts, so the core's next commit does not). A copy at every rest made three
 * syncs per ~40 ms; each costs 15-20 ms on this machine's disk, so the disk did little else, and the
 * syncs and uncached page reads inside the core's writes and the fill's steps waited 100-1,000 ms
 * behind one another (bench:fills at 100k, `perf trace`). Copied once a second, a page a fill
 * touches in many steps is also written back once.
 *
 * Each fill walks the generations (or images) down from a mark, the one row (id 1) of its own table
 * holding `below`, the id it has reached; the row goes when the fill is complete, so a stop at any
 * point carries on where it was at the next start.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { Library } from './database.ts';
import { checkpointLog } from './log-copy.ts';
import { statement } from './statements.ts';

/** How long one backfill transaction aims to hold the write lock. */
export const STEP_MS = 10;

/** The shortest rest between two background write steps: longer than the busy handler's gaps between tries (up to 25 ms, for the first ~130 ms of a wait). */
export const REST_MS = 30;

/** How often a fill copies its log back into the library file (at the start of a rest), and once more when it stops. */
export const CHECKPOINT_MS = 1_000;

/** Rows per transaction: where to start and the bounds the sizing stays within (equal bounds: a fixed size). */
export interface StepBatch {
  start: number;
  min: number;
  max: number;
}

export interface InStepsOptions<Prepared> {
  /** The fill's own connection (the upkeep thread's), checkpointed between steps. */
  db: Library;
  /** Whether the fill is complete (read before each step). */
  ready: () => boolean;
  /**
   * Work for the next step done outside the write lock (reading and hashing files); the rest after
   * the step is at least as long as this took too, so such work never takes more than about half the time.
   */
  prepare?: (batch: number) => Promise<Prepared>;
  /** One transaction of up to `batch` rows; returns how many rows it did. */
  step: (batch: number, prepared: Prepared) => number;
  batch: StepBatch;
  /** Stop after about this long (at least one step), for a caller that calls again while not `ready`. */
  sliceMs?: number;
}

/** What a stepped fill did: rows done, in how many transactions, the longest of them. */
export interface InStepsReport {
  rows: number;
  steps: number;
  longestStepMs: number;
}

/** Runs `step` until `ready`, growing or shrinking the batch toward STEP_MS per transaction, resting as long as each took. */
export async function fillInSteps<Prepared = undefined>(options: InStepsOptions<Prepared>): Promise<InStepsReport> {
  const report: InStepsReport = { rows: 0, steps: 0, longestStepMs: 0 };
  const { min, max } = options.batch;
  const began = performance.now();
  let batch = options.batch.start;
  let copiedAt = began;
  while (!options.ready() && (report.steps === 0 || options.sliceMs === undefined || performance.now() - began < options.sliceMs)) {
    const working = performance.now();
    const prepared = (await options.prepare?.(batch)) as Prepared;
    const worked = performance.now() - working;
    const stepping = performance.now();
    report.rows += options.step(batch, prepared);
    report.steps += 1;
    const took = performance.now() - stepping;
    report.longestStepMs = Math.max(report.longestStepMs, took);
    batch = Math.max(min, Math.min(max, Math.round(batch * (took > STEP_MS ? 0.7 : 1.2))));
    const resting = performance.now();
    let copied = 0;
    if (resting - copiedAt >= CHECKPOINT_MS) {
      checkpointLog(options.db);
      copiedAt = performance.now();
      copied = copiedAt - resting;
    }
    // the lock is free at least half the time, whatever the step cost (a step the OS paused holds it
    // longer), and long enough each time for a waiting writer's next try; after a copy the disk is
    // left alone as long as the copy's writes and syncs kept it busy, so a fill never keeps it busier
    // than half the time and the core's own reads and syncs are not always queued behind the fill's
    await sleep(Math.max(1, Math.round(Math.max(took, worked, REST_MS) - copied), Math.round(copied)));
  }
  // what the last second wrote, so the log does not wait for the next fill or the core's far mark
  if (report.steps > 0) checkpointLog(options.db);
  return report;
}

/** The tables holding a fill's mark. */
export type MarkTable = 'search_backfill' | 'stack_backfill' | 'stack_defaults' | 'value_order_backfill' | 'value_order_defaults' | 'hash_backfill' | 'member_order_backfill' | 'grid_backfill';

/** The id a fill has walked down to; undefined once it is complete. */
export function markOf(db: Library, table: MarkTable): number | undefined {
  return statement(db, `SELECT below FROM ${table} WHERE id = 1`).pluck().get() as number | undefined;
}

/**
 * After a step that found `found` rows of the `batch` it asked for below the mark, `lowest` the
 * last of them: the mark moves down to it, or goes when fewer came (nothing is left below). Answers
 * whether the fill is now complete.
 */
export function moveMark(db: Library, table: MarkTable, found: number, batch: number, lowest: number | undefined): boolean {
  if (found < batch || lowest === undefined) {
    statement(db, `DELETE FROM ${table} WHERE id = 1`).run();
    return true;
  }
  statement(db, `UPDATE ${table} SET below = ? WHERE id = 1`).run(lowest);
  return false;
}

/**
 * Rows a step writes whatever the clock says. On a loaded machine the wall clock runs on while the
 * thread waits for a core, so a step could stop after a row or two, and its fixed costs (an FTS
 * merge, a checkpoint, the rest after it) would then make the fill many times slower: a 20,000-row
 * fill then outlasted a 5-minute test hook. Ten is the smallest batch the sizing ever chose.
 */
export const LEAST_ROWS = 10;

/**
 * Writes `rows` (the next ones below the mark, highest id first) one at a time, and stops once the
 * step has held the lock for STEP_MS since `began` (after LEAST_ROWS at least): the mark moves past
 * the last row written, or as `moveMark` says when all were. Returns how many were written. The
 * batch sizing only learns from the step after, so without this a step whose pages are cold on disk
 * (the first ones after a start) held the lock for its whole batch: 245 ms measured at 100k, 129.5 ms at 1M.
 */
export function writeInTime<Row extends { id: number }>(
  db: Library,
  table: MarkTable,
  rows: readonly Row[],
  batch: number,
  began: number,
  write: (row: Row) => void,
): number {
  for (const [index, row] of rows.entries()) {
    write(row);
    if (index + 1 >= LEAST_ROWS && index + 1 < rows.length && performance.now() - began > STEP_MS) {
      statement(db, `UPDATE ${table} SET below = ? WHERE id = 1`).run(row.id);
      return index + 1;
    }
  }
  moveMark(db, table, rows.length, batch, rows.at(-1)?.id);
  return rows.length;
}
