/**
 * The "Thumbnail size" control: one number, the four-up tiles' row height in CSS pixels, from which
 * the single-image layout's rows follow (a single image is a quarter of a four-up's area, so its
 * rows are lower for the same density).
 */
export const THUMBNAIL_SIZE = { min: 140, max: 480, step: 20, initial: 300 } as const;

/** A saved or typed size brought back into the control's range and steps (anything else: the default). */
export function clampThumbnailSize(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return THUMBNAIL_SIZE.initial;
  const stepped = Math.round(value / THUMBNAIL_SIZE.step) * THUMBNAIL_SIZE.step;
  return Math.min(THUMBNAIL_SIZE.max, Math.max(THUMBNAIL_SIZE.min, stepped));
}

/** The row height the justified gallery aims at for a layout at this size. */
export function galleryRowHeight(size: number, layout: 'generations' | 'images'): number {
  // 230 at the default 300: the single-image rows the gallery always had.
  return layout === 'generations' ? size : Math.round((size * 230) / 300);
}
