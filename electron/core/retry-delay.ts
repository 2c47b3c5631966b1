/**
 * The one backoff rule for everything Atelier tries again (a run the API refused, a poll that
 * failed, an image download): the wait doubles from a base up to a cap, plus up to half again at
 * random so many retries started together do not go in lockstep (`withJitter`, which polls use too).
 * Never shorter than the base.
 */
export interface RetryDelayPolicy {
  /** The wait before the first retry, before jitter. */
  baseMs: number;
  /** The longest wait before jitter. */
  maxMs: number;
  /** Injectable for tests; 0 ≤ value < 1. */
  random?: () => number;
}

/** The wait after the `failures`-th failure in a row (1 for the first). */
export function retryDelay(failures: number, policy: RetryDelayPolicy): number {
  return withJitter(Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1)), policy.random);
}

/** A wait plus up to half again at random (whole milliseconds): the one jitter rule, for retries and polls alike. */
export function withJitter(waitMs: number, random: () => number = Math.random): number {
  return Math.round(waitMs + waitMs * 0.5 * random());
}
