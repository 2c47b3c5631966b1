import type { Generation } from '../../../shared/generation.ts';
import type { Library } from '../library/database.ts';
import { listImages, markImageDownloaded, markImageExpired, markImageFailed, markImageWaiting } from '../library/images.ts';
import { missingTooSoonMessage, oldEnoughToExpire, type DownloadFailure } from '../media/download-failure.ts';
import { apiImagePixelLimit } from '../media/image-size.ts';
import { fingerprintImage } from '../media/fingerprint.ts';
import { imagePath, thumbnailPathFor, toAbsolutePath } from '../media/layout.ts';
import { provenanceOf } from '../media/png-metadata.ts';
import { downloadWithRetry, type RetryPolicy } from '../media/retry.ts';
import { makeThumbnail } from '../media/thumbnail.ts';
import { createUrlRule, type Resolve, type UrlRule } from '../net/url-rule.ts';

export interface SaveOutcome {
  /** Every image has its file. */
  complete: boolean;
  /** Images whose link is gone for good (Kinovi keeps files about 14 days). */
  expired: number;
  /** Images not saved for another reason: final failures plus those still `waiting`. */
  failed: number;
  /** Images not saved yet that will be tried again (network loss, a full disk): part of `failed`. */
  waiting: number;
  /**
   * Set when every image is final but not all were saved (nothing is `waiting`): the generation
   * should end `failed` with this code and message, instead of being downloaded again.
   */
  failure: { code: 'images_expired' | 'images_failed'; message: string } | null;
}

export interface SaveOptions {
  /** The API's base URL: image addresses are checked against it (net/url-rule.ts). */
  apiBaseUrl: string;
  signal?: AbortSignal;
  retry?: RetryPolicy;
  /** Name resolution for the URL rule; tests inject one so no real DNS server is asked. */
  resolve?: Resolve;
  /** Called after each image is saved, so the artist sees it take its placeholder's place at once. */
  onImageSaved?: (saved: { index: number; thumbnail: string | null }) => void;
  /** The clock that tells how old the run is (a 404 is put down to Kinovi's retention only on an old run). */
  now?: () => number;
}

/** How many of one generation's images download at once. */
const PARALLEL_IMAGES = 2;

const EXPIRED_GENERATION = 'Some images were no longer available to download (Kinovi keeps them about 14 days).';

/**
 * Downloads a generation's images that are still pending into the library folder, with a
 * thumbnail each, and records every outcome as soon as it is known. Safe to call again after a
 * crash: saved images are skipped, a half-downloaded one is fetched anew. An image that fails
 * for good (not an image, too large, a refused address) is marked `failed` with its reason and
 * never fetched again; one that could not be fetched yet (network, disk) stays pending.
 */
export async function saveImages(db: Library, dataDir: string, generation: Generation, options: SaveOptions): Promise<SaveOutcome> {
  const todo = listImages(db, generation.id).filter((image) => image.state === 'pending');
  if (todo.length > 0) {
    const rule = await urlRuleOrNull(options);
    if (rule) await downloadAll(db, dataDir, generation, todo, rule, options);
  }
  return outcomeOf(db, generation.id);
}

async function downloadAll(
  db: Library,
  dataDir: string,
  generation: Generation,
  todo: Generation['images'],
  urlRule: UrlRule,
  options: SaveOptions,
): Promise<void> {
  const queue = [...todo];
  const worker = async () => {
    for (let image = queue.shift(); image; image = queue.shift()) {
      if (options.signal?.aborted) return;
      if (!image.remoteUrl) {
        markImageFailed(db, generation.id, image.index, 'The API gave no address for this image.');
        continue;
      }
      const result = await downloadWithRetry(
        {
          url: image.remoteUrl,
          dataDir,
          relativePath: imagePath({ generationId: generation.id, index: image.index, createdAt: generation.createdAt }),
          urlRule,
          maxPixels: apiImagePixelLimit(generation.effective.aspectRatio),
          ...(options.signal ? { signal: options.signal } : {}),
          provenance: provenanceOf(generation),
        },
        options.retry ?? {},
      );
      if (options.signal?.aborted) return;
      if (!result.ok) {
        recordFailure(db, generation, image.index, result.failure, options.now?.() ?? Date.now());
        continue;
      }
      const thumbnail = thumbnailPathFor(result.image.relativePath);
      const made = await makeThumbnail(dataDir, result.image.relativePath, thumbnail).then(
        () => true,
        () => false, // a missing thumbnail is regenerated later; the image itself is safe
      );
      const fingerprint = await fingerprintImage(toAbsolutePath(dataDir, result.image.relativePath)).catch((error: unknown) => {
        console.warn('[atelier] a saved image could not be hashed for duplicates:', error instanceof Error ? error.message : error);
        return null;
      });
      markImageDownloaded(db, generation.id, image.index, {
        fingerprint,
        file: result.image.relativePath,
        thumbnail: made ? thumbnail : null,
        bytes: result.image.stored.bytes,
        // The hash of the image as the API made it (before Atelier's metadata), so the same
        // picture has the same identity whichever run or file it came from; and the file's own.
        sha256: result.image.received.sha256,
        fileSha256: result.image.stored.sha256,
        width: result.image.width,
        height: result.image.height,
      });
      options.onImageSaved?.({ index: image.index, thumbnail: made ? thumbnail : null });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_IMAGES, todo.length) }, worker));
}

function recordFailure(db: Library, generation: Generation, index: number, failure: DownloadFailure, now: number): void {
  const generationId = generation.id;
  switch (failure.kind) {
    case 'expired': {
      // A run minutes old has not met Kinovi's retention: its missing image failed, it did not expire.
      const startedAt = generation.submittedAt ?? generation.createdAt;
      if (oldEnoughToExpire(startedAt, now)) markImageExpired(db, generationId, index, failure.message);
      else markImageFailed(db, generationId, index, missingTooSoonMessage(failure.status, startedAt, now));
      return;
    }
    case 'invalid':
    case 'refused':
      markImageFailed(db, generationId, index, failure.message);
      return;
    case 'retryable':
    case 'storage':
      markImageWaiting(db, generationId, index, failure.message);
      return;
    case 'aborted':
      return;
  }
}

/** The rule for this API base, or null when its name cannot be resolved now (offline): the images simply wait. */
async function urlRuleOrNull(options: SaveOptions): Promise<UrlRule | null> {
  try {
    return await createUrlRule(options.apiBaseUrl, options.resolve ? { resolve: options.resolve } : {});
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error; // a bug, not the network
    return null;
  }
}

function outcomeOf(db: Library, generationId: number): SaveOutcome {
  const images = listImages(db, generationId);
  const expired = images.filter((image) => image.state === 'expired').length;
  const finalFailures = images.filter((image) => image.state === 'failed');
  const waiting = images.filter((image) => image.state === 'pending').length;
  const complete = images.length > 0 && images.every((image) => image.state === 'done');
  let failure: SaveOutcome['failure'] = null;
  if (!complete && waiting === 0) {
    const first = finalFailures[0];
    if (first) {
      const count = finalFailures.length === 1 ? 'one image' : `${finalFailures.length} images`;
      failure = { code: 'images_failed', message: `Atelier could not save ${count}: ${first.errorMessage ?? 'the download failed.'}` };
    } else if (expired > 0) failure = { code: 'images_expired', message: EXPIRED_GENERATION };
    else failure = { code: 'images_failed', message: 'The API gave no images for this generation.' };
  }
  return { complete, expired, failed: finalFailures.length + waiting, waiting, failure };
}
