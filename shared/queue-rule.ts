import { unfinishedStatuses, type Generation, type GenerationStatus } from './generation.ts';

/**
 * Which generations the queue panel shows: the one rule for the core's list and the renderer's
 * live updates. Whether the artist dismissed a run is the caller's to know (the library keeps it
 * on the row, the renderer remembers its own dismissals): a dismissed run never belongs.
 */

/** How long an undismissed failure stays in the queue panel; after that it lives on in the library only. */
export const QUEUE_FAILURE_DAYS = 3;

/** Every status the queue panel can show: unfinished runs, and ended ones waiting for the artist. */
export const queueStatuses: readonly GenerationStatus[] = [...unfinishedStatuses, 'unknown', 'failed'];

/**
 * Unfinished runs always; outcome-unknown ones until the artist decides (they may have been
 * charged); failures of the last few days (by when they last changed).
 */
export function belongsInQueue(generation: Pick<Generation, 'status' | 'updatedAt'>, now: number): boolean {
  if (generation.status === 'failed') return generation.updatedAt >= now - QUEUE_FAILURE_DAYS * 86_400_000;
  return queueStatuses.includes(generation.status);
}
