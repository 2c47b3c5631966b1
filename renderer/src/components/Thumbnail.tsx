import { memo, useState } from 'react';
import type { ImageInfo } from '../../../shared/generation.ts';
import { mediaUrl } from '../api.ts';
import { coverStyle } from '../lib/cover.ts';
import { usePictureSource } from '../lib/picture-source.ts';

interface Props {
  image: ImageInfo | undefined;
  /** "16:9": the placeholder takes the image's shape so nothing moves when it arrives. */
  aspectRatio: string;
  /** The full file instead of the thumbnail (detail view). */
  full?: boolean;
  alt?: string;
  /** A gallery tile's cell, width / height, which the image covers (lib/cover.ts). */
  cell?: number;
  /** Load at once rather than when scrolled near: the gallery's tiles (its grid mounts only rows on or near the screen) and full images. */
  eager?: boolean;
}

/**
 * A saved image's thumbnail (or its file), or a placeholder of its shape. Memoized: an image's
 * object stays the same while its generation does, so a grid that renders again (a selection, the
 * search box's busy mark) leaves its images alone.
 */
export const Thumbnail = memo(function Thumbnail({ image, aspectRatio, cell, full = false, alt = '', eager = full }: Props) {
  // Grids load thumbnails only; a saved image whose thumbnail could not be made shows the file rather than a placeholder forever.
  const path = full ? (image?.file ?? image?.thumbnail) : (image?.thumbnail ?? (image?.state === 'done' ? image.file : null));
  const [failed, setFailed] = useState<string | null>(null);
  const source = usePictureSource(path ? mediaUrl(path) : '');
  const shape = { aspectRatio: aspectRatio.replace(':', ' / ') };
  if (!path || failed === path) {
    const missing = image?.state === 'expired' || image?.state === 'failed';
    return (
      <span className="thumb placeholder" style={shape} role={alt ? 'img' : undefined} aria-label={alt || undefined}>
        {missing && <span className="thumb-note">{image?.state === 'expired' ? 'Link expired' : 'Not downloaded'}</span>}
      </span>
    );
  }
  // in a tile: its own proportions, as wide as covers the cell
  const drawn = cell === undefined ? shape : { ...shape, ...coverStyle(image, aspectRatio, cell) };
  return <img className="thumb" style={drawn} src={source || undefined} alt={alt} loading={eager ? 'eager' : 'lazy'} decoding="async" draggable={false} onError={() => setFailed(path)} />;
});

