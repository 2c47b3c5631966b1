import { Image } from 'lucide-react';
import { THUMBNAIL_SIZE } from '../lib/thumbnail-size.ts';
import { useLayoutStore } from '../stores/layout-store.ts';

/** The gallery's row height, as a slider beside the layout buttons (kept between sessions). */
export function ThumbnailSize() {
  const size = useLayoutStore((s) => s.thumbnailSize);
  return (
    <label className="thumbnail-size" title="Thumbnail size">
      <Image size={13} aria-hidden="true" />
      <input
        type="range"
        aria-label="Thumbnail size"
        aria-valuetext={`${size} pixels high`}
        min={THUMBNAIL_SIZE.min}
        max={THUMBNAIL_SIZE.max}
        step={THUMBNAIL_SIZE.step}
        value={size}
        onChange={(e) => useLayoutStore.getState().setThumbnailSize(Number(e.target.value))}
      />
    </label>
  );
}
