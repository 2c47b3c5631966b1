import { memo, useEffect, useState } from 'react';
import type { GridThumbnail, ImageInfo } from '../../../shared/generation.ts';
import { mediaUrl } from '../api.ts';
import { decodeOnce, isKnown } from '../lib/decoded-images.ts';
import { usePictureSource } from '../lib/picture-source.ts';
import { Thumbnail } from './Thumbnail.tsx';

interface Props {
  grid: GridThumbnail;
  /** The generation's four images, every one saved. */
  images: ImageInfo[];
  aspectRatio: string;
  /** A cell of the tile, width / height (for the four thumbnails drawn instead when the grid cannot be). */
  cell: number;
}

/**
 * A four-up tile drawn from the generation's grid thumbnail: one picture, a pixel over each side of
 * the tile, with the 2 px between its images drawn over its seams and a rejected image's quarter
 * masked (`.tile-quad.whole`). One `<img>`, not one per cell: each image element asked for its
 * address, was told of the bytes as they came and was painted on its own, and at 1M on 2 cores that
 * was most of the work between a typed word's page and its first frame. A grid that cannot be
 * loaded leaves the tile to the images' own thumbnails.
 */
export const GridPicture = memo(function GridPicture({ grid, images, aspectRatio, cell }: Props) {
  const url = mediaUrl(grid.path);
  const source = usePictureSource(url);
  const [failed, setFailed] = useState(false);
  // a run that just landed shows its own thumbnails, decoded as they came (wire-events.ts): the grid
  // takes over once it is decoded too, so the tile never shows a blank frame between them
  const [waiting, setWaiting] = useState(() => images.some((image) => image.thumbnail !== null && isKnown(mediaUrl(image.thumbnail))));
  useEffect(() => {
    if (!waiting) return;
    let live = true;
    decodeOnce(url).then(
      () => live && setWaiting(false),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [waiting, url]);
  if (failed || waiting) return <QuadCells images={images} aspectRatio={aspectRatio} cell={cell} />;
  return (
    <span className="tile-quad whole">
      <img className="thumb grid-whole" src={source} alt="" loading="eager" decoding="async" draggable={false} onError={() => setFailed(true)} />
      {images.map((image, i) => image.rejected && <span key={i} className="quad-mask rejected" style={{ gridArea: `${(i >> 1) + 1} / ${(i % 2) + 1}` }} />)}
    </span>
  );
});

/** A four-up tile from its images' own thumbnails: four cells always, a deleted image's left empty, a rejected one dimmed. */
export function QuadCells({ images, aspectRatio, cell }: { images: ImageInfo[]; aspectRatio: string; cell: number }) {
  return (
    <span className="tile-quad">
      {[0, 1, 2, 3].map((i) => (
        <span key={i} className={`quad-cell${images[i]?.rejected ? ' rejected' : ''}`}>
          <Thumbnail image={images[i]} aspectRatio={aspectRatio} cell={cell} eager />
        </span>
      ))}
    </span>
  );
}

/** Whether a four-up tile can be drawn from its grid thumbnail: it has one, and all four images are saved. */
export function drawnFromGrid(grid: GridThumbnail | null, images: ImageInfo[]): grid is GridThumbnail {
  if (!grid) return false;
  return images.length === 4 && images.every((image) => image.state === 'done');
}
