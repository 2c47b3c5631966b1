import type { GenerationRetry, RetryReason } from './generation.ts';

/**
 * What a run waiting to try again waits for, in the artist's words: the card says
 * "server error, trying again in 12 s — attempt 3" from the retry record on the generation.
 */

const reasonWords: Record<RetryReason, string> = {
  account_busy: 'Kinovi is busy with this account’s other runs',
  server_error: 'server error',
  offline: 'Kinovi cannot be reached',
  no_answer: 'Kinovi did not answer in time',
  unexpected_answer: 'Kinovi sent an answer Atelier cannot use',
  key_refused: 'Kinovi refused the key',
  download_failed: 'images not saved yet',
};

/** "12 s", "2 min", "1 h 5 min": how long until the next attempt, rounded up so it never says 0 while waiting. */
export function waitWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/**
 * The retry line of a card; "trying again now" once the attempt is due (it is then in flight).
 * The record counts the attempts that met a problem: the one awaited is the next.
 */
export function retryWords(retry: GenerationRetry, now: number): string {
  const left = retry.nextAttemptAt - now;
  const when = left > 0 ? `trying again in ${waitWords(left)}` : 'trying again now';
  const sooner = retry.reason === 'account_busy' && left > 0 ? ' or when a slot frees' : '';
  return `${reasonWords[retry.reason]}, ${when}${sooner} — attempt ${retry.attempt + 1}`;
}
