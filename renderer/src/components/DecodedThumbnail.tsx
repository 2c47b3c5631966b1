import { useEffect, useState } from 'react';
import type { ImageInfo } from '../../../shared/generation.ts';
import { mediaUrl } from '../api.ts';
import { coverStyle, nominalRatio } from '../lib/cover.ts';
import { decodeOnce, showsAtOnce, shownSource } from '../lib/decoded-images.ts';

interface Props {
  image: ImageInfo | undefined;
  /** "16:9": the placeholder has the image's shape, and keeps it when the image comes in. */
  aspectRatio: string;
}

/**
 * A feed slot's picture: the placeholder stays until the thumbnail is fetched and decoded
 * (`img.decode()`), or at once when its bytes came with a push (`showsAtOnce`: a data: image is
 * loaded whole), then the image appears inside it in one frame: never half drawn, never a
 * new box, so a run landing neither flickers nor moves anything. The same element lives from
 * the queued placeholder to the landed tile (`Feed.tsx` keeps it), so landing decodes nothing again.
 */
export function DecodedThumbnail({ image, aspectRatio }: Props) {
  // the thumbnail, or the file when a saved image's thumbnail could not be made
  const path = image?.thumbnail ?? (image?.state === 'done' ? image.file : null);
  const [decoded, setDecoded] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const ready = path !== null && (decoded === path || showsAtOnce(mediaUrl(path)));
  useEffect(() => {
    if (!path || ready || path === failed) return;
    let current = true;
    decodeOnce(mediaUrl(path)).then(
      () => current && setDecoded(path),
      () => current && setFailed(path),
    );
    return () => {
      current = false;
    };
  }, [path, ready, failed]);
  // one that cannot be decoded stays a placeholder, as in the grid (Thumbnail.tsx)
  const missing = image?.state === 'expired' || image?.state === 'failed';
  return (
    <span className="thumb placeholder" style={{ aspectRatio: aspectRatio.replace(':', ' / ') }}>
      {missing && <span className="thumb-note">{image?.state === 'expired' ? 'Link expired' : 'Not downloaded'}</span>}
      {ready && <img className="thumb-image" style={coverStyle(image, aspectRatio, nominalRatio(aspectRatio))} src={shownSource(mediaUrl(path))} alt="" decoding="sync" draggable={false} />}
    </span>
  );
}
