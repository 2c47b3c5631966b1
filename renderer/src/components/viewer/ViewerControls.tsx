import { Expand, Maximize, Minimize, Scan, ZoomIn, ZoomOut } from 'lucide-react';
import { zoomLabel } from '../../lib/zoom.ts';
import { useViewerStore } from '../../stores/viewer-store.ts';

/** The viewer's buttons, shared by the detail view and compare: zoom, actual size, fit, full screen. */
export function ViewerControls() {
  const view = useViewerStore((s) => s.view);
  const frame = useViewerStore((s) => s.frame);
  const fullscreen = useViewerStore((s) => s.fullscreen);
  const viewer = useViewerStore.getState();
  return (
    <div className="viewer-controls" role="toolbar" aria-label="Zoom">
      <button type="button" className="icon-button" aria-label="Zoom out" title="Zoom out · −" onClick={() => viewer.zoomOut()}>
        <ZoomOut size={15} aria-hidden="true" />
      </button>
      <span className="zoom-level" data-testid="zoom-level" aria-live="polite">
        {zoomLabel(view, frame)}
      </span>
      <button type="button" className="icon-button" aria-label="Zoom in" title="Zoom in · +" onClick={() => viewer.zoomIn()}>
        <ZoomIn size={15} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Actual size"
        aria-pressed={view.zoom === 1}
        title="Actual size: one image pixel on one screen pixel · Z"
        onClick={() => viewer.actualSize()}
      >
        <Scan size={15} aria-hidden="true" />
      </button>
      <button type="button" className="icon-button" aria-label="Fit" aria-pressed={view.zoom === 'fit'} title="Fit the whole image · Z" onClick={() => viewer.fit()}>
        <Expand size={15} aria-hidden="true" />
      </button>
      <button type="button" className="icon-button" aria-label="Full screen" aria-pressed={fullscreen} title="Full screen · Shift+F" onClick={() => viewer.toggleFullscreen()}>
        {fullscreen ? <Minimize size={15} aria-hidden="true" /> : <Maximize size={15} aria-hidden="true" />}
      </button>
    </div>
  );
}
