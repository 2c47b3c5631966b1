import { unfinishedStatuses, type Generation, type GenerationStatus } from './generation.ts';

/**
 * Which generations the queue panel shows: the one rule for the core's list and the renderer's
 * live updates. Whether the artist dismissed a run is the caller's to know (the library keeps it
 * on the row, the renderer remembers its own dismissals): a dismissed run never belongs.
 */

/**
 * How long an undismissed failed or outcome-unknown run stays in the feed (issue 10: "until
 * dismissed or three days old"); after that it lives on in the library only, findable as
 * `status:failed` or by its own status.
 */
export const QUEUE_ENDED_DAYS = 3;

/** Ended runs that wait for the artist in the feed, for a while: they may need a retry or a look at the charge. */
const endedStatuses: readonly GenerationStatus[] = ['unknown', 'failed'];

/** Every status the queue panel can show: unfinished runs, and ended ones waiting for the artist. */
export const queueStatuses: readonly GenerationStatus[] = [...unfinishedStatuses, ...endedStatuses];

/** Unfinished runs always; failed and outcome-unknown ones of the last three days (by when they last changed). */
export function belongsInQueue(generation: Pick<Generation, 'status' | 'updatedAt'>, now: number): boolean {
  if (endedStatuses.includes(generation.status)) return generation.updatedAt >= now - QUEUE_ENDED_DAYS * 86_400_000;
  return queueStatuses.includes(generation.status);
}
