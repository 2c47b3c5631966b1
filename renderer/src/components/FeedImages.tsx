import { RefreshCw } from 'lucide-react';
import type { Generation } from '../../../shared/generation.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { DecodedThumbnail } from './DecodedThumbnail.tsx';

/** An image the run could not save: its slot says so and offers to fetch it again. */
export function isUnsaved(g: Generation, index: number): boolean {
  const state = g.images[index]?.state;
  return state === 'failed' || state === 'expired';
}

/** Which rows of the four-up have an unsaved image: their "Retry download" buttons sit on the tile's edge there. */
export function unsavedRows(g: Generation): { top: boolean; bottom: boolean } {
  return { top: isUnsaved(g, 0) || isUnsaved(g, 1), bottom: isUnsaved(g, 2) || isUnsaved(g, 3) };
}

/**
 * A feed tile's four slots, from placeholder to landed image in the same elements: each image
 * takes its placeholder's place as it is saved, and landing changes nothing here but the marks.
 */
export function FeedImages({ generation: g, landed }: { generation: Generation; landed: boolean }) {
  return (
    <span className="tile-quad feed-images">
      {[0, 1, 2, 3].map((i) => (
        <span key={i} className={`quad-cell feed-slot${i < 2 ? ' top' : ' bottom'}${g.images[i]?.rejected ? ' rejected' : ''}`}>
          <DecodedThumbnail image={g.images[i]} aspectRatio={g.effective.aspectRatio} />
          {/* On the tile's outer edge of its slot, so the run's card (between) never covers it. */}
          {!landed && isUnsaved(g, i) && (
            <button
              type="button"
              className="secondary-button feed-slot-retry"
              aria-label={`Retry download of image ${i + 1}`}
              title={g.images[i]?.errorMessage ?? undefined}
              onClick={() => void useQueueStore.getState().retryDownload(g.id, i)}
            >
              <RefreshCw size={12} aria-hidden="true" /> <span className="feed-slot-retry-words">Retry download</span>
            </button>
          )}
        </span>
      ))}
    </span>
  );
}
