import { RefusedUrlError } from '../net/url-rule.ts';

/**
 * Why an image could not be saved, in the terms the queue acts on:
 * - `expired`: the server no longer has it (Kinovi keeps images ~14 days): mark the image lost, do not retry;
 * - `retryable`: a passing problem (5xx, timeout, reset, truncated body): try again later;
 * - `invalid`: the server answered, but not with a usable image (not an image, too large): retry at most once or twice;
 * - `refused`: Atelier's URL rule refused the address (scheme, private network, redirects): final, nothing was fetched from it;
 * - `aborted`: the caller cancelled (app quitting, generation deleted): not a failure of the image;
 * - `storage`: the library folder could not be written (disk full, permissions).
 */
export type DownloadFailureKind = 'expired' | 'retryable' | 'invalid' | 'refused' | 'aborted' | 'storage';

export interface DownloadFailure {
  kind: DownloadFailureKind;
  /** Words for the artist. */
  message: string;
  /** HTTP status when the server answered. */
  status?: number;
  /** Low-level cause (error code or text) for the log. */
  cause?: string;
}

export const EXPIRED_MESSAGE = 'Kinovi keeps images for about 14 days; this one is no longer available.';

/** How long Kinovi keeps generated files, roughly; only a run this old has its 404s put down to it. */
export const KINOVI_KEEPS_DAYS = 14;
/** A run finished this long ago may have met the limit (the docs say "about"). */
const OLD_ENOUGH_MS = (KINOVI_KEEPS_DAYS - 2) * 86_400_000;

/** Whether a missing image (404, 410, 403) can be explained by Kinovi's retention: the run finished long enough ago. */
export function oldEnoughToExpire(finishedAt: number, now: number): boolean {
  return now - finishedAt >= OLD_ENOUGH_MS;
}

/** Words for an image the server says is gone, from a run too young for that to be the retention limit. */
export function missingTooSoonMessage(status: number | undefined, finishedAt: number, now: number): string {
  const code = status === undefined ? '' : ` (HTTP ${status})`;
  return `Kinovi's image server says this image does not exist${code}, though the run finished only ${ageWords(now - finishedAt)} ago; it was not saved.`;
}

function ageWords(ms: number): string {
  if (ms < 60_000) return 'less than a minute';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return minutes === 1 ? 'a minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** Thrown inside the download pipeline and turned into a `DownloadFailure` result at its edge. */
export class DownloadFailureError extends Error {
  readonly failure: DownloadFailure;

  constructor(failure: DownloadFailure) {
    super(failure.message);
    this.name = 'DownloadFailureError';
    this.failure = failure;
  }
}

/** Maps an HTTP status other than 200 to a failure. */
export function failureForStatus(status: number): DownloadFailure {
  if (status === 403 || status === 404 || status === 410) {
    return { kind: 'expired', message: EXPIRED_MESSAGE, status };
  }
  if (status >= 500 || status === 408 || status === 425 || status === 429) {
    return { kind: 'retryable', message: `The image server is having trouble (HTTP ${status}); Atelier will try again.`, status };
  }
  return { kind: 'invalid', message: `The image server refused the download (HTTP ${status}).`, status };
}

/** Maps an error from fetching (the URL rule's refusal, or reset, timeout, DNS) to a failure. */
export function failureForRequestError(error: unknown): DownloadFailure {
  if (error instanceof RefusedUrlError) return { kind: 'refused', message: error.message, cause: error.detail };
  return failureForNetworkError(error);
}

/** Maps a network-level error (reset, timeout, DNS) to a retryable failure. */
export function failureForNetworkError(error: unknown): DownloadFailure {
  return { kind: 'retryable', message: 'The connection to the image server failed; Atelier will try again.', cause: describe(error) };
}

/** Maps a file-system error while writing into the library to a storage failure. */
export function failureForStorageError(error: unknown): DownloadFailure {
  return { kind: 'storage', message: 'Atelier could not write the image into the library folder.', cause: describe(error) };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
