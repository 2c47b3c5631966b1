/**
 * Where the feed's tiles go: rows of one fixed height filled left to right, each tile in the shape
 * its images will have. A tile's box depends only on the tiles before it, so a run that lands or
 * fails never moves anything; a new run (newest first) moves the others one place along.
 */
export interface FeedPlace {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface FeedLayout {
  places: FeedPlace[];
  /** From the top of the first row to the bottom of the last; 0 when there is no tile. */
  height: number;
}

/** Lays out tiles of the given width/height ratios into rows `rowHeight` high within `width`. */
export function feedLayout(ratios: readonly number[], width: number, rowHeight: number, gap: number): FeedLayout {
  const places: FeedPlace[] = [];
  if (width <= 0 || ratios.length === 0) return { places, height: 0 };
  let left = 0;
  let top = 0;
  for (const ratio of ratios) {
    // A tile wider than the whole row (a 21:9 in a narrow window) takes the row, a little lower.
    const tileWidth = Math.min(width, rowHeight * ratio);
    const tileHeight = tileWidth === width ? Math.min(rowHeight, width / ratio) : rowHeight;
    if (left > 0 && left + tileWidth > width) {
      left = 0;
      top += rowHeight + gap;
    }
    places.push({ left, top, width: tileWidth, height: tileHeight });
    left += tileWidth + gap;
  }
  return { places, height: top + rowHeight };
}
