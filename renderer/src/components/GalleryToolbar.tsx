import { Grid2x2, Layers, Square } from 'lucide-react';
import { galleryCount } from '../lib/format.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { selectionShown, useSelectionStore } from '../stores/selection-store.ts';
import { useCurationStore } from '../stores/curation-store.ts';
import { FilterChips } from './FilterChips.tsx';
import { SearchBox } from './SearchBox.tsx';
import { SortMenu } from './SortMenu.tsx';
import { ThumbnailSize } from './ThumbnailSize.tsx';
import { SelectionAnnouncer, SelectionBar } from './SelectionBar.tsx';

export function GalleryToolbar() {
  const total = useGalleryStore((s) => s.total);
  const tiles = useGalleryStore((s) => s.tiles);
  const layout = useGalleryStore((s) => s.layout);
  const ignored = useGalleryStore((s) => s.ignoredTerms);
  const problem = useGalleryStore((s) => s.problem);
  const setLayout = useGalleryStore((s) => s.setLayout);
  const selecting = useSelectionStore(selectionShown);
  const hideRejected = useCurationStore((s) => s.hideRejected);
  const stackReruns = useCurationStore((s) => s.stackReruns);
  return (
    <div className="gallery-toolbar">
      <div className="toolbar-row">
        <SearchBox />
        <span className="gallery-count" data-testid="gallery-count" aria-live="polite" title={total === null ? undefined : galleryCount(total, tiles)}>
          {total === null ? '' : galleryCount(total, tiles)}
        </span>
        <SortMenu />
        <label className="hide-rejected" title="Leave out rejected images, and generations whose images are all rejected (is:rejected still finds them)">
          <input
            type="checkbox"
            role="switch"
            className="switch"
            checked={hideRejected}
            onChange={(e) => {
              useCurationStore.getState().setHideRejected(e.target.checked);
              void useGalleryStore.getState().refresh();
            }}
          />
          <span className="toolbar-label">Hide rejected</span>
        </label>
        <button
          type="button"
          className={`ghost-button stack-toggle${stackReruns ? ' active' : ''}`}
          aria-pressed={stackReruns}
          title="One tile for reruns with the same settings and seed, the newest on top"
          onClick={() => {
            useCurationStore.getState().setStackReruns(!stackReruns);
            void useGalleryStore.getState().refresh();
          }}
        >
          <Layers size={13} aria-hidden="true" /> <span className="toolbar-label">Stack reruns</span>
        </button>
        <ThumbnailSize />
        <div className="layout-toggle" role="group" aria-label="Gallery layout">
          <button type="button" className={`icon-button${layout === 'generations' ? ' active' : ''}`} aria-pressed={layout === 'generations'} aria-label="Four-up tiles" title="Four-up tiles" onClick={() => setLayout('generations')}>
            <Grid2x2 size={16} aria-hidden="true" />
          </button>
          <button type="button" className={`icon-button${layout === 'images' ? ' active' : ''}`} aria-pressed={layout === 'images'} aria-label="Single images" title="Single images" onClick={() => setLayout('images')}>
            <Square size={16} aria-hidden="true" />
          </button>
        </div>
      </div>
      {/* The bar lies over the chips, which keep their room, so the grid does not jump. */}
      <div className="toolbar-filters">
        <div className="toolbar-chips" inert={selecting}>
          <FilterChips />
        </div>
        {selecting && <SelectionBar />}
        <SelectionAnnouncer />
      </div>
      {problem !== null && (
        <p id="search-problem" className="search-problem" role="alert">
          {problem.message}
        </p>
      )}
      {problem === null && ignored.length > 0 && <p className="search-ignored">Left out of the search: {ignored.join(' ')}</p>}
    </div>
  );
}
