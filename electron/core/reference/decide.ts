/**
 * The pure decision behind "Use as reference": send the image's own Kinovi address while a check
 * shows it still serves the picture, otherwise upload the file saved in the library.
 */
import type { ProviderKind } from '../../../shared/contract.ts';
import type { ImageInfo } from '../../../shared/generation.ts';
import { isLoopbackHost, isReferenceAddress } from '../../../shared/reference.ts';

/** What a liveness check of an address found: it serves an image, it is gone, it could not tell, or the URL rule refused it. */
export type UrlCheck = 'alive' | 'gone' | 'unsure' | 'refused';

export type ReferenceStep =
  | { kind: 'check'; url: string }
  | { kind: 'use'; url: string }
  | { kind: 'upload' }
  | { kind: 'refuse'; message: string };

/** Can this provider's generation backend fetch the address? Kinovi: https off this computer; the Sandbox: its own loopback addresses too. */
export function fetchableBy(provider: ProviderKind, url: string): boolean {
  if (!isReferenceAddress(url)) return false;
  if (provider === 'sandbox') return true;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && !isLoopbackHost(parsed.hostname);
}

/**
 * The next step for one library image: `check` its remote address first (never assumed alive from its
 * age), `use` it when the check found it alive, else `upload` the saved file, else `refuse` in words.
 */
export function decideReference(image: Pick<ImageInfo, 'remoteUrl' | 'file' | 'state'>, provider: ProviderKind, check: UrlCheck | undefined): ReferenceStep {
  const remote = image.remoteUrl;
  if (remote !== null && fetchableBy(provider, remote)) {
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
