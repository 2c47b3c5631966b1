/**
 * How a tile's image covers its cell: drawn whole in its own proportions, overflowing the cell and
 * clipped by it, not cropped by object-fit. Chromium decodes an image object-fit crops whole (a 400 px
 * thumbnail), one drawn whole at the scale drawn (a JPEG by 1/2, 1/4…): ~2 ms instead of ~6 on 2
 * cores, ~100 times for each new page of the gallery. The styles are `.tile-quad img.thumb` and
 * `.thumb-image` (styles.css).
 */
import type { CSSProperties } from 'react';
import type { ImageInfo } from '../../../shared/generation.ts';

/** Width over height: the image's own when known (its thumbnail keeps it), else its generation's "16:9". */
export function ownRatio(image: ImageInfo | undefined, aspectRatio: string): number {
  if (image?.width && image.height) return image.width / image.height;
  return nominalRatio(aspectRatio);
}

/** "16:9" as width over height (1 for anything else). */
export function nominalRatio(aspectRatio: string): number {
  const [width, height] = aspectRatio.split(':').map(Number);
  return width && height ? width / height : 1;
}

/** --ratio, the image's proportions, and --cover, how many cell widths wide it must be to cover a cell of `cell` (width / height). */
export function coverStyle(image: ImageInfo | undefined, aspectRatio: string, cell: number): CSSProperties {
  const ratio = ownRatio(image, aspectRatio);
  return { '--ratio': ratio, '--cover': Math.max(1, ratio / cell) } as CSSProperties;
}
