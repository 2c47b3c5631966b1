/**
 * A justified gallery layout (as in Lightroom or Flickr): every row is filled edge to edge,
 * each tile keeps its images' shape, and every size is known before an image arrives,
 * so nothing moves when thumbnails load.
 */
export interface JustifiedRow {
  /** Index of the first and one past the last tile of the row. */
  start: number;
  end: number;
  height: number;
  widths: number[];
}

/** Lays out tiles of the given width/height ratios into rows of about `targetHeight`. */
export function justify(ratios: readonly number[], width: number, targetHeight: number, gap: number): JustifiedRow[] {
  const rows: JustifiedRow[] = [];
  if (width <= 0) return rows;
  let start = 0;
  let sum = 0;
  for (let i = 0; i < ratios.length; i++) {
    sum += ratios[i] ?? 1;
    const count = i - start + 1;
    const naturalWidth = sum * targetHeight + gap * (count - 1);
    if (naturalWidth >= width) {
      const height = (width - gap * (count - 1)) / sum;
      rows.push(makeRow(ratios, start, i + 1, height));
      start = i + 1;
      sum = 0;
    }
  }
  // The last row keeps the target height rather than stretching a lone tile across the screen.
  if (start < ratios.length) rows.push(makeRow(ratios, start, ratios.length, targetHeight));
  return rows;
}

function makeRow(ratios: readonly number[], start: number, end: number, height: number): JustifiedRow {
  const widths: number[] = [];
  for (let i = start; i < end; i++) widths.push((ratios[i] ?? 1) * height);
  return { start, end, height, widths };
}
