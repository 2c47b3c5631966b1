/**
 * The loop every stepped background fill shares (search index, stack keys, value order): one write
 * transaction at a time, each sized to hold the write lock for about STEP_MS, with a gap between so
 * a writer waiting on the core gets the lock. The fill says what one step does and when it is done.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/** How long one backfill transaction aims to hold the write lock. */
export const STEP_MS = 10;

/** Rows per transaction: where to start and the bounds the sizing stays within. */
export interface StepBatch {
  start: number;
  min: number;
  max: number;
}

export interface InStepsOptions {
  /** Whether the fill is complete (read before each step). */
  ready: () => boolean;
  /** One transaction of up to `batch` rows; returns how many rows it did. */
  step: (batch: number) => number;
  batch: StepBatch;
  /** Work done after each step, outside the write lock (a passive checkpoint, say). */
  afterStep?: () => void;
}

/** What a stepped fill did: rows done, in how many transactions, the longest of them. */
export interface InStepsReport {
  rows: number;
  steps: number;
  longestStepMs: number;
}

/** Runs `step` until `ready`, growing or shrinking the batch toward STEP_MS per transaction. */
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
    options.afterStep?.();
    // a gap between transactions, so a writer waiting on the core gets the lock
    await sleep(1);
  }
  return report;
}
