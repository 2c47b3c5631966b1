import { describe, expect, it } from 'vitest';
import { FIT, MAX_ZOOM, fitZoom, panBy, pinch, placement, toggleActualSize, zoomBy, zoomLabel, zoomTo, type Frame } from '../../renderer/src/lib/zoom.ts';

const big: Frame = { image: { width: 1024, height: 1024 }, box: { width: 742, height: 742 }, dpr: 1 };

describe('zoom math', () => {
  it('fits a large image into the frame and never upscales a small one', () => {
    expect(fitZoom(big)).toBeCloseTo(742 / 1024);
    expect(placement(FIT, big)).toEqual({ width: 742, height: 742, left: 0, top: 0 });
    const small: Frame = { image: { width: 300, height: 200 }, box: { width: 742, height: 742 }, dpr: 1 };
    expect(fitZoom(small)).toBe(1);
    expect(placement(FIT, small)).toMatchObject({ width: 300, height: 200, left: 221, top: 271 });
  });

  it('actual size puts one image pixel on one screen pixel, whatever the devicePixelRatio', () => {
    const actual = toggleActualSize(FIT, big);
    expect(actual.zoom).toBe(1);
    expect(placement(actual, big)).toMatchObject({ width: 1024, height: 1024 });
    const retina: Frame = { ...big, dpr: 2 };
    const place = placement(toggleActualSize(FIT, retina), retina);
    // 512 CSS pixels × 2 device pixels each = the file's 1024 pixels.
    expect(place.width * retina.dpr).toBe(1024);
    // Toggling again goes back to fit.
    expect(toggleActualSize(actual, big)).toEqual(FIT);
  });

  it('zooming keeps the point under the pointer where it is', () => {
    const at = { x: 100, y: 600 };
    const before = placement(FIT, big);
    const pointInImage = { x: (at.x - before.left) / before.width, y: (at.y - before.top) / before.height };
    const zoomed = zoomTo(FIT, 2, big, at);
    const after = placement(zoomed, big);
    expect(after.left + pointInImage.x * after.width).toBeCloseTo(at.x, 0);
    expect(after.top + pointInImage.y * after.height).toBeCloseTo(at.y, 0);
  });

  it('zooming out past fit comes back to fit, and zoom stops at its maximum', () => {
    const zoomed = zoomBy(FIT, 1.25, big);
    expect(zoomed.zoom).toBeCloseTo((742 / 1024) * 1.25);
    expect(zoomBy(zoomed, 1 / 1.25 / 1.25, big)).toEqual(FIT);
    expect(zoomTo(FIT, 100, big).zoom).toBe(MAX_ZOOM);
  });

  it('pans by the dragged distance and never past the image edge', () => {
    const actual = toggleActualSize(FIT, big);
    const start = placement(actual, big);
    const moved = placement(panBy(actual, 40, -30, big), big);
    expect(moved.left - start.left).toBe(40);
    expect(moved.top - start.top).toBe(-30);
    const far = placement(panBy(actual, 5000, 5000, big), big);
    expect(far.left).toBe(0);
    expect(far.top).toBe(0);
    const other = placement(panBy(actual, -5000, -5000, big), big);
    expect(other.left + other.width).toBe(742);
    // At fit there is nothing to pan.
    expect(panBy(FIT, 10, 10, big)).toEqual(FIT);
  });

  it('a zoom keeps in step across images of different sizes (compare)', () => {
    const wide: Frame = { image: { width: 1456, height: 816 }, box: { width: 400, height: 400 }, dpr: 1 };
    const view = zoomTo(FIT, 1, wide, { x: 0, y: 200 });
    expect(view.cx).toBeCloseTo(200 / 1456);
    expect(placement(view, { ...wide, image: { width: 1024, height: 1024 } }).width).toBe(1024);
  });

  it('a two-finger pinch zooms by the spread and keeps the image under the fingers', () => {
    const from = [
      { x: 300, y: 371 },
      { x: 400, y: 371 },
    ] as const;
    const to = [
      { x: 250, y: 371 },
      { x: 450, y: 371 },
    ] as const;
    const view = pinch(FIT, from, to, big);
    expect(view.zoom).toBeCloseTo((742 / 1024) * 2);
    // The point under the fingers' middle (350, 371) is still under it.
    const place = placement(view, big);
    const fit = placement(FIT, big);
    expect(place.left + ((350 - fit.left) / fit.width) * place.width).toBeCloseTo(350, 0);
    // Moving both fingers together pans.
    const moved = pinch(view, to, [
      { x: 230, y: 341 },
      { x: 430, y: 341 },
    ], big);
    expect(placement(moved, big).left - place.left).toBeCloseTo(-20, 0);
    expect(placement(moved, big).top - place.top).toBeCloseTo(-30, 0);
  });

  it('names the zoom as the artist reads it', () => {
    expect(zoomLabel(FIT, big)).toBe('Fit · 72 %');
    expect(zoomLabel({ zoom: 2.5, cx: 0.5, cy: 0.5 }, big)).toBe('250 %');
  });
});
