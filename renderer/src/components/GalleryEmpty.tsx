import { ImagePlus, SearchX, Sparkles } from 'lucide-react';
import { hasFilters, useGalleryStore } from '../stores/gallery-store.ts';
import { useQueueStore } from '../stores/queue-store.ts';

/** What an empty gallery says: a welcome for a new library, a way out for a search with no match. */
export function GalleryEmpty() {
  const query = useGalleryStore((s) => s.query);
  const clearFilters = useGalleryStore((s) => s.clearFilters);
  const running = useQueueStore((s) => s.items.some((g) => g.status !== 'failed' && g.status !== 'unknown'));
  if (hasFilters(query)) {
    return (
      <div className="gallery-empty" data-testid="gallery-empty">
        <SearchX size={36} aria-hidden="true" />
        <h2>Nothing matches</h2>
        <p>No finished generation fits this search and these filters.</p>
        <button type="button" className="secondary-button" onClick={clearFilters}>
          Show everything
        </button>
      </div>
    );
  }
  if (running) {
    return (
      <div className="gallery-empty" data-testid="gallery-empty">
        <Sparkles size={36} aria-hidden="true" />
        <h2>Your first images are on their way</h2>
        <p>They appear here as soon as they are saved in your library. You can queue more runs meanwhile.</p>
      </div>
    );
  }
  return (
    <div className="gallery-empty" data-testid="gallery-empty">
      <ImagePlus size={40} aria-hidden="true" />
      <h2>Your library is empty</h2>
      <p>Write a prompt on the left and press Generate. Every image is saved here, searchable and usable offline.</p>
      <p className="muted">
        <kbd>Ctrl</kbd> + <kbd>Enter</kbd> generates · <kbd>?</kbd> shows every shortcut
      </p>
    </div>
  );
}
