/**
 * The pure decision behind "Use as reference": send the image's own Kinovi address while a check
 * shows it still serves the picture, otherwise upload the file saved in the library.
 */
import type { ImageInfo } from '../../../shared/generation.ts';
import { isLoopbackHost, isReferenceAddress } from '../../../shared/reference.ts';

/** What a liveness check of an address found: it serves an image, it is gone, it could not tell, or the URL rule refused it. */
export type UrlCheck = 'alive' | 'gone' | 'unsure' | 'refused';

export type ReferenceStep =
  | { kind: 'check'; url: string }
  | { kind: 'use'; url: string }
  | { kind: 'upload' }
  | { kind: 'refuse'; message: string };

/**
 * Can the generation backend behind this API fetch the address? https off this computer always; an
 * address on this computer only while the API is on it too (the Sandbox, a test's stand-in).
 */
export function fetchableBy(apiBaseUrl: string, url: string): boolean {
  if (!isReferenceAddress(url)) return false;
  const parsed = new URL(url);
  if (!isLoopbackHost(parsed.hostname)) return parsed.protocol === 'https:';
  return isLoopbackHost(new URL(apiBaseUrl).hostname);
}

/** Why a run cannot be sent with this reference to this API, in words; null when it can. */
export function referenceAddressProblem(apiBaseUrl: string, url: string | undefined): string | null {
  if (url === undefined || fetchableBy(apiBaseUrl, url)) return null;
  // Kinovi would drop it silently and run without the reference.
  return 'Kinovi cannot fetch a reference image from this computer: use “Use as reference” on the image, or drop the file on the reference field, to upload it.';
}

/**
 * The next step for one library image: `check` its remote address first (never assumed alive from its
 * age), `use` it when the check found it alive, else `upload` the saved file, else `refuse` in words.
 */
export function decideReference(image: Pick<ImageInfo, 'remoteUrl' | 'file' | 'state'>, apiBaseUrl: string, check: UrlCheck | undefined): ReferenceStep {
  const remote = image.remoteUrl;
  if (remote !== null && fetchableBy(apiBaseUrl, remote)) {
    if (check === undefined) return { kind: 'check', url: remote };
    if (check === 'alive') return { kind: 'use', url: remote };
  }
  if (image.file !== null && image.state === 'done') return { kind: 'upload' };
  return {
    kind: 'refuse',
    message:
      image.state === 'pending'
        ? 'This image is still being saved into the library; use it as a reference once it has arrived.'
        : 'This image is no longer on Kinovi and was never saved into the library, so it cannot be used as a reference.',
  };
}
