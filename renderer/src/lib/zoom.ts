/**
 * The viewer's arithmetic, pure so it can be tested without a browser.
 *
 * A view is a zoom and the image point at the frame's centre. The zoom counts device pixels per
 * image pixel, so 1 is "actual size" (one image pixel on one screen pixel, whatever the
 * devicePixelRatio) and two images of different sizes stay in step when compared. The centre is a
 * fraction of the image's width and height, so panning one compared image pans the others alike.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface View {
  /** 'fit': the whole image in the frame, never larger than actual size; a number: device pixels per image pixel. */
  zoom: 'fit' | number;
  /** The image point shown at the frame's centre, as fractions of its width and height. */
  cx: number;
  cy: number;
}

/** What one frame shows: the image, the frame it sits in (CSS pixels), and the screen's devicePixelRatio. */
export interface Frame {
  image: Size;
  box: Size;
  dpr: number;
}

export const FIT: View = { zoom: 'fit', cx: 0.5, cy: 0.5 };
export const ACTUAL_SIZE = 1;
/** Eight screen pixels per image pixel: enough to judge a single pixel, no further. */
export const MAX_ZOOM = 8;
/** One press of + or −, one notch of the wheel at most. */
export const ZOOM_STEP = 1.25;

/** The zoom at which the whole image fits the frame; capped at actual size so a small image is never blown up and blurred. */
export function fitZoom({ image, box, dpr }: Frame): number {
  if (image.width <= 0 || image.height <= 0) return ACTUAL_SIZE;
  return Math.min((box.width * dpr) / image.width, (box.height * dpr) / image.height, ACTUAL_SIZE);
}

/** The zoom a view really shows in this frame. */
export function zoomOf(view: View, frame: Frame): number {
  return view.zoom === 'fit' ? fitZoom(frame) : view.zoom;
}

/** Keeps the centre where the image still covers the frame; an axis smaller than the frame stays centred. */
function clampCentre(view: View, frame: Frame): View {
  if (view.zoom === 'fit') return FIT;
  const scale = view.zoom / frame.dpr;
  const axis = (centre: number, imageLength: number, boxLength: number) => {
    const shown = imageLength * scale;
    if (shown <= boxLength) return 0.5;
    const half = boxLength / 2 / shown;
    return Math.min(1 - half, Math.max(half, centre));
  };
  return { zoom: view.zoom, cx: axis(view.cx, frame.image.width, frame.box.width), cy: axis(view.cy, frame.image.height, frame.box.height) };
}

/** Where the image sits in its frame, in CSS pixels: its size and its top-left corner. */
export function placement(view: View, frame: Frame): { width: number; height: number; left: number; top: number } {
  const clamped = clampCentre(view, frame);
  const scale = zoomOf(clamped, frame) / frame.dpr;
  const width = frame.image.width * scale;
  const height = frame.image.height * scale;
  // Whole device pixels, so actual size lands one image pixel on one screen pixel rather than between two.
  const snap = (value: number) => Math.round(value * frame.dpr) / frame.dpr;
  return {
    width,
    height,
    left: snap(frame.box.width / 2 - clamped.cx * width),
    top: snap(frame.box.height / 2 - clamped.cy * height),
  };
}

/** The image point (fractions) under a point of the frame (CSS pixels). */
function imagePointAt(view: View, frame: Frame, at: Point): Point {
  const place = placement(view, frame);
  return { x: (at.x - place.left) / place.width, y: (at.y - place.top) / place.height };
}

/** A view at `zoom` that keeps the image point under `at` (default: the frame's centre) where it is. */
export function zoomTo(view: View, zoom: number, frame: Frame, at?: Point): View {
  const fit = fitZoom(frame);
  const next = Math.min(MAX_ZOOM, zoom);
  // At or below fit the whole image shows; "zoomed" means larger than that.
  if (next <= fit + 1e-9) return FIT;
  const point = at ?? { x: frame.box.width / 2, y: frame.box.height / 2 };
  const under = imagePointAt(view, frame, point);
  const scale = next / frame.dpr;
  const cx = under.x + (frame.box.width / 2 - point.x) / (frame.image.width * scale);
  const cy = under.y + (frame.box.height / 2 - point.y) / (frame.image.height * scale);
  return clampCentre({ zoom: next, cx, cy }, frame);
}

/** Zooms in (factor > 1) or out (factor < 1) about a point of the frame. */
export function zoomBy(view: View, factor: number, frame: Frame, at?: Point): View {
  return zoomTo(view, zoomOf(view, frame) * factor, frame, at);
}

/**
 * Z and double-click: from fit to actual size about a point, from any zoom back to fit. A small
 * image already shows at actual size when fitted, so it stays as it is.
 */
export function toggleActualSize(view: View, frame: Frame, at?: Point): View {
  return view.zoom === 'fit' ? zoomTo(view, ACTUAL_SIZE, frame, at) : FIT;
}

/** Moves the image by (dx, dy) CSS pixels, as a drag does. */
export function panBy(view: View, dx: number, dy: number, frame: Frame): View {
  if (view.zoom === 'fit') return FIT;
  const scale = view.zoom / frame.dpr;
  return clampCentre({ zoom: view.zoom, cx: view.cx - dx / (frame.image.width * scale), cy: view.cy - dy / (frame.image.height * scale) }, frame);
}

/** "Fit", "100 %", "250 %": the zoom as the artist reads it (100 % = actual size). */
export function zoomLabel(view: View, frame: Frame | null): string {
  if (view.zoom === 'fit') return frame ? `Fit · ${Math.round(fitZoom(frame) * 100)} %` : 'Fit';
  return `${Math.round(view.zoom * 100)} %`;
}

/**
 * Two fingers moved from `from` to `to` (frame CSS pixels): zoom by how far they spread, about
 * where they were, then follow their midpoint, so the image stays under the fingers.
 */
export function pinch(view: View, from: readonly [Point, Point], to: readonly [Point, Point], frame: Frame): View {
  const spread = (points: readonly [Point, Point]) => Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y);
  const middle = (points: readonly [Point, Point]) => ({ x: (points[0].x + points[1].x) / 2, y: (points[0].y + points[1].y) / 2 });
  const before = spread(from);
  const zoomed = before > 0 ? zoomBy(view, spread(to) / before, frame, middle(from)) : view;
  const start = middle(from);
  const end = middle(to);
  return panBy(zoomed, end.x - start.x, end.y - start.y, frame);
}
