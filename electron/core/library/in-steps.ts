/**
 * The loop every stepped background fill shares (search index, stack keys, value order): one write
 * transaction at a time, each sized to hold the write lock for about STEP_MS, then a rest at least
 * as long as the step held it. The rest is what lets the core write: a writer that finds the lock
 * taken sleeps in SQLite's busy handler for 1, 2, 5, 10, 15, 20, 25… ms between tries, so with a
 * 1 ms gap between steps its tries kept landing on the next step (measured: 524 ms at worst while
 * a fill ran). Resting as long as the step lets every such try find the lock free within a step or
 * two. Each rest begins with a passive checkpoint, outside the lock: otherwise the log grows until
 * a commit of the core's crosses SQLite's threshold and copies it back (and syncs) on the core's thread.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { Library } from './database.ts';

/** How long one backfill transaction aims to hold the write lock. */
export const STEP_MS = 10;

/** Rows per transaction: where to start and the bounds the sizing stays within. */
export interface StepBatch {
  start: number;
  min: number;
  max: number;
}

export interface InStepsOptions {
  /** The fill's own connection (the upkeep thread's), checkpointed between steps. */
  db: Library;
  /** Whether the fill is complete (read before each step). */
  ready: () => boolean;
  /** One transaction of up to `batch` rows; returns how many rows it did. */
  step: (batch: number) => number;
  batch: StepBatch;
}

/** What a stepped fill did: rows done, in how many transactions, the longest of them. */
export interface InStepsReport {
  rows: number;
  steps: number;
  longestStepMs: number;
}

/** Runs `step` until `ready`, growing or shrinking the batch toward STEP_MS per transaction, resting as long as each took. */
export async function fillInSteps(options: InStepsOptions): Promise<InStepsReport> {
  const report: InStepsReport = { rows: 0, steps: 0, longestStepMs: 0 };
  const { min, max } = options.batch;
  let batch = options.batch.start;
  while (!options.ready()) {
    const began = performance.now();
    report.rows += options.step(batch);
    report.steps += 1;
    const took = performance.now() - began;
    report.longestStepMs = Math.max(report.longestStepMs, took);
    batch = Math.max(min, Math.min(max, Math.round(batch * (took > STEP_MS ? 0.7 : 1.2))));
    const resting = performance.now();
    options.db.pragma('wal_checkpoint(PASSIVE)');
    // the lock is free at least half the time, whatever the step cost (a step the OS paused holds it longer)
    await sleep(Math.max(1, Math.round(took - (performance.now() - resting))));
  }
  return report;
}
