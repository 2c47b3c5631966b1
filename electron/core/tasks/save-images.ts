import type { Generation } from '../../../shared/generation.ts';
import type { Library } from '../library/database.ts';
import { listImages, markImageDownloaded, markImageExpired, markImageFailed } from '../library/images.ts';
import { downloadWithRetry, type RetryPolicy } from '../media/retry.ts';
import { imagePath, thumbnailPathFor, toAbsolutePath } from '../media/layout.ts';
import { makeThumbnail } from '../media/thumbnail.ts';

export interface SaveOutcome {
  /** Every image has its file. */
  complete: boolean;
  /** Images whose link is gone for good (Kinovi keeps files about 14 days). */
  expired: number;
  /** Images that could not be fetched now but may be later. */
  failed: number;
}

/** How many of one generation's images download at once. */
const PARALLEL_IMAGES = 2;

/**
 * Downloads a generation's images that are not saved yet into the library folder, with
 * a thumbnail each, and records every file as soon as it is in place. Safe to call again
 * after a crash: saved images are skipped, a half-downloaded one is fetched anew.
 */
export async function saveImages(
  db: Library,
  dataDir: string,
  generation: Generation,
  options: { signal?: AbortSignal; retry?: RetryPolicy } = {},
): Promise<SaveOutcome> {
  const todo = listImages(db, generation.id).filter((image) => image.state === 'pending' || image.state === 'failed');
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
          ...(options.signal ? { signal: options.signal } : {}),
          provenance: {
            prompt: generation.effective.prompt,
            negativePrompt: generation.effective.negativePrompt,
            seed: generation.effective.seed,
            model: generation.effective.model,
            taskId: generation.taskId,
            parameters: { ...generation.effective },
          },
        },
        options.retry ?? {},
      );
      if (options.signal?.aborted) return;
      if (!result.ok) {
        if (result.failure.kind === 'expired') markImageExpired(db, generation.id, image.index, result.failure.message);
        else if (result.failure.kind !== 'aborted') markImageFailed(db, generation.id, image.index, result.failure.message);
        continue;
      }
      const thumbnail = thumbnailPathFor(result.image.relativePath);
      const made = await makeThumbnail(toAbsolutePath(dataDir, result.image.relativePath), toAbsolutePath(dataDir, thumbnail)).then(
        () => true,
        () => false, // a missing thumbnail is regenerated later; the image itself is safe
      );
      markImageDownloaded(db, generation.id, image.index, {
        file: result.image.relativePath,
        thumbnail: made ? thumbnail : null,
        bytes: result.image.bytes,
        // The hash of the image as the API made it (before Atelier's metadata), so the same
        // picture has the same identity whichever run or file it came from.
        sha256: result.image.received.sha256,
        fileSha256: result.image.sha256,
        width: result.image.width,
        height: result.image.height,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_IMAGES, todo.length) }, worker));
  const after = listImages(db, generation.id);
  return {
    complete: after.length > 0 && after.every((image) => image.state === 'done'),
    expired: after.filter((image) => image.state === 'expired').length,
    failed: after.filter((image) => image.state === 'failed' || image.state === 'pending').length,
  };
}
