import { X } from 'lucide-react';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useCompareStore, type ComparePane } from '../../stores/compare-store.ts';
import { registerFullscreenTarget } from '../../stores/viewer-store.ts';
import { ViewerControls } from '../viewer/ViewerControls.tsx';
import { ZoomableImage } from '../viewer/ZoomableImage.tsx';
import { DifferencesTable } from './DifferencesTable.tsx';
import { Pane, paneName } from './Pane.tsx';
import { GridImagePicker, SweepGridPanes } from './SweepGrid.tsx';

/** Two to four images side by side (or two over each other with a swipe), zooming and panning together, and what differs between them. */
export function CompareView() {
  const panes = useCompareStore((s) => s.panes);
  return panes.length > 0 ? <CompareRegion panes={panes} /> : null;
}

function CompareRegion({ panes }: { panes: ComparePane[] }) {
  const focused = useCompareStore((s) => s.focused);
  const overlay = useCompareStore((s) => s.overlay);
  const swipe = useCompareStore((s) => s.swipe);
  const grid = useCompareStore((s) => s.grid);
  const compare = useCompareStore.getState();
  const region = useRef<HTMLElement>(null);
  const stage = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    region.current?.querySelector<HTMLElement>('[data-pane="0"]')?.focus({ preventScroll: true });
    const unregister = stage.current ? registerFullscreenTarget(stage.current) : undefined;
    return () => {
      unregister?.();
      before?.focus({ preventScroll: true });
    };
  }, []);

  // Tab cycles the panes (curation keys act on the focused one); Shift+Tab reaches the controls; focus stays inside.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Tab' || !region.current) return;
    const pane = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('[data-pane]') : null;
    if (pane && !e.shiftKey) {
      e.preventDefault();
      const next = (Number(pane.dataset.pane) + 1) % panes.length;
      region.current.querySelector<HTMLElement>(`[data-pane="${next}"]`)?.focus();
      return;
    }
    const focusable = [...region.current.querySelectorAll<HTMLElement>('button:not(:disabled), input, [tabindex="0"]')];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  };

  const two = panes.length === 2 && grid === null;
  return (
    <section ref={region} className="compare" aria-label="Compare" onKeyDown={onKeyDown}>
      <header className="compare-head">
        <h2>{grid ? grid.name : `Compare ${panes.length}`}</h2>
        {grid && <GridImagePicker grid={grid} />}
        {two && (
          <div className="segmented" role="group" aria-label="Layout">
            <button type="button" aria-pressed={!overlay} onClick={() => compare.setOverlay(false)}>
              Side by side
            </button>
            <button type="button" aria-pressed={overlay} onClick={() => compare.setOverlay(true)}>
              Overlay
            </button>
          </div>
        )}
        <ViewerControls />
        <button type="button" className="secondary-button" onClick={() => compare.close()} title="Close compare · Esc">
          <X size={14} aria-hidden="true" /> Close compare
        </button>
      </header>
      <div ref={stage} data-toast-area className={grid ? 'compare-stage sweep-stage' : `compare-stage panes-${panes.length}${overlay && two ? ' overlay' : ''}`}>
        {grid ? (
          <SweepGridPanes grid={grid} panes={panes} focused={focused} />
        ) : overlay && two ? <OverlayPanes panes={panes} focused={focused} swipe={swipe} /> : (
          panes.map((pane, i) => <Pane key={i} pane={pane} at={i} focused={focused === i} />)
        )}
      </div>
      {overlay && two && (
        <label className="swipe">
          <span>{paneName(panes[0] as ComparePane)}</span>
          <input type="range" min={0} max={100} step={1} value={swipe} aria-label="Swipe" onChange={(e) => compare.setSwipe(Number(e.currentTarget.value))} />
          <span>{paneName(panes[1] as ComparePane)}</span>
        </label>
      )}
      {/* A sweep holds everything else still: its labels are the differences. */}
      {!grid && <DifferencesTable panes={panes} />}
    </section>
  );
}

/** Two images exactly over each other; the slider shows the first left of it and the second right of it. */
function OverlayPanes({ panes, focused, swipe }: { panes: ComparePane[]; focused: number; swipe: number }) {
  const [first, second] = panes as [ComparePane, ComparePane];
  return (
    <div className="compare-overlay">
      <div className="compare-overlay-captions">
        {[first, second].map((pane, i) => (
          <span key={i} className={`compare-caption${focused === i ? ' focused' : ''}`} tabIndex={0} data-pane={i} aria-current={focused === i ? 'true' : undefined} onFocus={() => useCompareStore.getState().focus(i)}>
            {paneName(pane)}
          </span>
        ))}
      </div>
      <div className="compare-overlay-images">
        <ZoomableImage image={first.generation.images[first.index]} aspectRatio={first.generation.effective.aspectRatio} primary alt={`Image ${first.index + 1} of “${first.generation.effective.prompt}”`} />
        <div className="swipe-top" style={{ clipPath: `inset(0 0 0 ${swipe}%)` }}>
          <ZoomableImage image={second.generation.images[second.index]} aspectRatio={second.generation.effective.aspectRatio} primary={false} alt={`Image ${second.index + 1} of “${second.generation.effective.prompt}”`} />
        </div>
        <span className="swipe-line" style={{ left: `${swipe}%` }} aria-hidden="true" />
      </div>
    </div>
  );
}
