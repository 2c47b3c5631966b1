import { useEffect } from 'react';
import type { SimilarImage } from '../../../shared/duplicates.ts';
import type { ImageInfo } from '../../../shared/generation.ts';
import { count } from '../lib/format.ts';
import { useDetailStore } from '../stores/detail-store.ts';
import { hashingText, useDuplicatesStore } from '../stores/duplicates-store.ts';
import { Thumbnail } from './Thumbnail.tsx';

/** A found image as the thumbnail component takes it. */
export function shownImage(image: SimilarImage): ImageInfo {
  return {
    index: image.index, file: image.file, thumbnail: image.thumbnail, width: image.width, height: image.height, bytes: null, sha256: null,
    fileSha256: null, remoteUrl: null, state: 'done', errorMessage: null, favorite: image.favorite, rating: image.rating, rejected: image.rejected,
  };
}

/** "exact copy" or "near copy · 3 bits apart": how alike, in a few words. */
export function likeness(image: SimilarImage): string {
  if (image.exact) return 'Exact copy (same pixels)';
  return image.distance === 0 ? 'Near copy (same look)' : `Near copy · ${count(image.distance, 'bit')} apart`;
}

/** What "Find similar" found for the shown image, in the detail view; a click opens one. */
export function SimilarImages({ generationId, index }: { generationId: number; index: number }) {
  const similar = useDuplicatesStore((s) => s.similar);
  const hashing = useDuplicatesStore((s) => s.hashing);
  const asked = similar !== null && similar.of.generationId === generationId && similar.of.index === index;
  // another image shown: its own search is asked for again
  useEffect(() => () => useDuplicatesStore.getState().clearSimilar(), [generationId, index]);
  if (!asked) return null;
  const still = hashingText(hashing);
  return (
    <section className="similar-images" aria-label="Similar images">
      <h4>Similar images</h4>
      {similar.images.length === 0 ? (
        <p className="muted">No similar images in the library.</p>
      ) : (
        <ul className="similar-list">
          {similar.images.map((image) => (
            <li key={`${image.generationId}-${image.index}`}>
              <button
                type="button"
                className="similar-item"
                aria-label={`Open image ${image.index + 1} of “${image.prompt}” (${likeness(image)})`}
                onClick={() => void useDetailStore.getState().show(image.generationId, image.index)}
              >
                <Thumbnail image={shownImage(image)} aspectRatio={`${image.width ?? 1}:${image.height ?? 1}`} />
                <span className="similar-note">{likeness(image)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {still && <p className="muted">{still}: older images are still being compared.</p>}
    </section>
  );
}
