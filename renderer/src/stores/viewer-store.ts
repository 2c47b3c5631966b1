import { create } from 'zustand';
import { ACTUAL_SIZE, FIT, ZOOM_STEP, panBy, toggleActualSize, zoomBy, zoomTo, type Frame, type Point, type View } from '../lib/zoom.ts';

/**
 * How the large image is shown: one view (zoom and centre) shared by the detail view and every
 * pane of compare, so compared images zoom and pan together, and whether it fills the screen.
 */
interface ViewerState {
  view: View;
  /** The frame keys act on: the detail view's image, or compare's focused pane. */
  frame: Frame | null;
  fullscreen: boolean;
  setFrame(frame: Frame | null): void;
  setView(view: View): void;
  zoomIn(at?: Point): void;
  zoomOut(at?: Point): void;
  toggleActualSize(at?: Point): void;
  actualSize(): void;
  fit(): void;
  pan(dx: number, dy: number): void;
  toggleFullscreen(): void;
}

/** Where Shift+F goes full screen: the detail view's stage or compare's, whichever is on top. */
const fullscreenTargets: HTMLElement[] = [];

/** Registers an element that full screen can show; the latest registered one is on top. Returns the unregister. */
export function registerFullscreenTarget(element: HTMLElement): () => void {
  fullscreenTargets.push(element);
  return () => fullscreenTargets.splice(fullscreenTargets.indexOf(element), 1);
}

export const useViewerStore = create<ViewerState>((set, get) => {
  const withFrame = (change: (view: View, frame: Frame) => View) => {
    const { view, frame } = get();
    if (frame) set({ view: change(view, frame) });
  };
  return {
    view: FIT,
    frame: null,
    fullscreen: false,
    setFrame(frame) {
      set({ frame });
    },
    setView(view) {
      set({ view });
    },
    zoomIn(at) {
      withFrame((view, frame) => zoomBy(view, ZOOM_STEP, frame, at));
    },
    zoomOut(at) {
      withFrame((view, frame) => zoomBy(view, 1 / ZOOM_STEP, frame, at));
    },
    toggleActualSize(at) {
      withFrame((view, frame) => toggleActualSize(view, frame, at));
    },
    actualSize() {
      withFrame((view, frame) => zoomTo(view, ACTUAL_SIZE, frame));
    },
    fit() {
      set({ view: FIT });
    },
    pan(dx, dy) {
      withFrame((view, frame) => panBy(view, dx, dy, frame));
    },
    toggleFullscreen() {
      if (document.fullscreenElement) {
        void document.exitFullscreen();
        return;
      }
      const target = fullscreenTargets.at(-1);
      // A refusal (no user gesture, a policy) leaves the window as it was; there is nothing to undo.
      target?.requestFullscreen().catch(() => undefined);
    },
  };
});

/** Follows the page's full screen (entered here, or left by the browser's own Esc): wired once with the other events. */
export function followFullscreen(): void {
  document.addEventListener('fullscreenchange', () => useViewerStore.setState({ fullscreen: document.fullscreenElement !== null }));
}

/** Esc's first steps, in order: leave full screen, then zoom. True when Esc was used. */
export function leaveFullscreenOrZoom(): boolean {
  const viewer = useViewerStore.getState();
  if (document.fullscreenElement) {
    void document.exitFullscreen();
    return true;
  }
  if (viewer.view.zoom !== 'fit') {
    viewer.fit();
    return true;
  }
  return false;
}
