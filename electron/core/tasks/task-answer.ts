/**
 * What a recordInfo answer means for a sent generation. The answer is untrusted: a "success"
 * the library cannot hold (no images, more than a generation has) ends the run in words, so it
 * never throws inside the queue and never holds a slot for ever.
 */
import { IMAGES_PER_GENERATION, type Generation } from '../../../shared/generation.ts';
import type { RemoteImage, TaskRecord } from '../kinovi/index.ts';
import type { Library } from '../library/database.ts';
import { markFailed, markStatus, setCredits } from '../library/generations.ts';
import { createImages } from '../library/images.ts';

export type TaskAnswer =
  | { kind: 'running'; status: 'waiting' | 'generating' }
  /** The task failed on Kinovi's side (and was refunded). */
  | { kind: 'failed'; code: string; message: string }
  | { kind: 'finished'; images: RemoteImage[] }
  /** Kinovi says it finished, but what it sent cannot be saved. */
  | { kind: 'unusable'; code: 'api_unexpected_response'; message: string };

/** Also said of a generation left downloading with no images by an older Atelier. */
export const NO_IMAGES_MESSAGE = 'Kinovi said this generation finished but sent no images, so there is nothing to save. Retry to run it again.';

/** Reads one recordInfo answer. */
export function readTaskAnswer(record: TaskRecord): TaskAnswer {
  if (record.status === 'waiting' || record.status === 'generating') return { kind: 'running', status: record.status };
  if (record.status === 'fail') {
    return { kind: 'failed', code: record.error?.code ?? 'generation_failed', message: record.error?.message ?? 'The generation failed.' };
  }
  const count = record.images.length;
  if (count === 0) return { kind: 'unusable', code: 'api_unexpected_response', message: NO_IMAGES_MESSAGE };
  if (count > IMAGES_PER_GENERATION) {
    return {
      kind: 'unusable',
      code: 'api_unexpected_response',
      message: `Kinovi said this generation finished but sent ${count} images where a generation has ${IMAGES_PER_GENERATION}, so Atelier cannot tell which are the real ones. Retry to run it again.`,
    };
  }
  return { kind: 'finished', images: record.images };
}

/**
 * Writes the answer that ends a sent generation's time on the API, in one transaction: a failure
 * refunded, an unusable success failed with what Kinovi charged, a success with its images to download.
 */
export function recordTaskEnd(db: Library, id: number, answer: Exclude<TaskAnswer, { kind: 'running' }>, charged: number, now: number): Generation {
  return db.transaction(() => {
    switch (answer.kind) {
      case 'failed':
        // Kinovi refunds failed runs although creditsUsed may still show the reserved amount.
        setCredits(db, id, 0, now);
        return markFailed(db, id, answer.code, answer.message, now);
      case 'unusable':
        setCredits(db, id, charged, now);
        return markFailed(db, id, answer.code, answer.message, now);
      case 'finished':
        setCredits(db, id, charged, now);
        createImages(db, id, answer.images.map((image) => ({ remoteUrl: image.url, width: image.width, height: image.height })));
        return markStatus(db, id, 'downloading', now);
    }
  })();
}
