/**
 * How often the queue asks about a running task. Kinovi's docs say every 3–5 s and never
 * faster than every 2 s; a typical run takes 30–90 s, so long runs are asked about less
 * often, and one running past 15 minutes is "stalled" but still checked, slowly.
 */

import { STALLED_AFTER_MS } from '../../../shared/generation.ts';
import { retryDelay, withJitter } from '../retry-delay.ts';

export interface PollTiming {
  /** The shortest wait between two questions about one task; 3 s against a real API. */
  baseMs: number;
  /** The first wait after a failure, doubling with each failure in a row; `baseMs` when absent. */
  retryBaseMs?: number;
  random?: () => number;
}

/** The wait before the next recordInfo of a task that has been running for `runningMs`. */
export function nextPollDelay(runningMs: number, timing: PollTiming): number {
  const factor = runningMs < 2 * 60_000 ? 1 : runningMs < STALLED_AFTER_MS ? 2 : 10;
  // Jitter so tasks started together do not poll in lockstep.
  return withJitter(timing.baseMs * factor, timing.random);
}

/** The wait before trying again after the `failures`-th failure in a row (capped at 20 retry base units). */
export function queueRetryDelay(failures: number, timing: PollTiming): number {
  const baseMs = timing.retryBaseMs ?? timing.baseMs;
  return retryDelay(failures, { baseMs, maxMs: baseMs * 20, random: timing.random });
}
