/**
 * The viewer's and compare's keys, kept apart from the gallery's so the keyboard map stays
 * readable: + / = and − zoom, Z toggles fit ↔ actual size, Shift+F full screen, arrows pan
 * while zoomed; in compare R and C do nothing and arrows never leave it.
 */
import { compareSelection, compareWithParent, useCompareStore } from './stores/compare-store.ts';
import { useDetailStore } from './stores/detail-store.ts';
import { leaveFullscreenOrZoom, useViewerStore } from './stores/viewer-store.ts';

/** How far one arrow press pans, in CSS pixels (Shift: a larger step). */
const PAN_STEP = 80;
const arrows: Record<string, [number, number]> = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

/** Handles a key (no Ctrl/Cmd/Alt) when it belongs to the viewer or compare; true when used. */
export function viewerKey(e: KeyboardEvent): boolean {
  const comparing = useCompareStore.getState().panes.length > 0;
  const detail = useDetailStore.getState().open;
  const key = e.key.toLowerCase();
  if (!comparing && !detail) {
    // C compares the selection; Z, + / −, Shift+F mean nothing in the grid (Shift+F must not favourite).
    if (key === 'c' && !e.shiftKey) {
      compareSelection();
      return true;
    }
    return key === 'z' || key === '+' || key === '=' || key === '-' || (key === 'f' && e.shiftKey);
  }
  const viewer = useViewerStore.getState();
  if (key === '+' || key === '=') viewer.zoomIn();
  else if (key === '-' && !e.shiftKey) viewer.zoomOut();
  else if (key === 'z' && !e.shiftKey) viewer.toggleActualSize();
  else if (key === 'f' && e.shiftKey) viewer.toggleFullscreen();
  else if (key === 'c' && !e.shiftKey) {
    if (!comparing && detail) compareWithParent(detail, useDetailStore.getState().imageIndex);
  } else if (key === 'r' && comparing) {
    // Compare is for looking: a rerun from here would act on a pane the artist may not mean.
  } else if (e.key in arrows) {
    const step = arrows[e.key];
    if (viewer.view.zoom !== 'fit' && step) viewer.pan(step[0] * PAN_STEP * (e.shiftKey ? 4 : 1), step[1] * PAN_STEP * (e.shiftKey ? 4 : 1));
    // At fit the detail view's arrows move between images and generations; compare keeps its panes.
    else if (!comparing) return false;
  } else if (e.key === 'Enter' && comparing) {
    // Enter in compare presses the focused button only; it never opens what lies underneath.
    return !(e.target instanceof HTMLElement && e.target.closest('button, input'));
  } else return false;
  return true;
}

/** Esc's first three steps, in order: full screen, zoom, compare. True when Esc was used. */
export function leaveViewer(): boolean {
  if (leaveFullscreenOrZoom()) return true;
  const compare = useCompareStore.getState();
  if (compare.panes.length === 0) return false;
  compare.close();
  return true;
}
