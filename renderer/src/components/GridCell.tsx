import { memo, useEffect, useState, type CSSProperties } from 'react';
import type { GridThumbnail, ImageInfo } from '../../../shared/generation.ts';
import { mediaUrl } from '../api.ts';
import { decodeOnce, isKnown } from '../lib/decoded-images.ts';
import { Thumbnail } from './Thumbnail.tsx';

interface Props {
  grid: GridThumbnail;
  /** The image this cell shows: its own quarter of the grid. */
  image: ImageInfo;
  aspectRatio: string;
  /** The cell, width / height. */
  cell: number;
}

/**
 * One cell of a four-up tile drawn from the generation's grid thumbnail: the whole 2×2 picture,
 * two cells wide, moved so the image's quarter covers the cell (`.tile-quad img.grid-part`). The
 * tile's four cells ask for the same address, so the page fetches and decodes it once. A grid that
 * cannot be loaded leaves the cell to the image's own thumbnail.
 */
export const GridCell = memo(function GridCell({ grid, image, aspectRatio, cell }: Props) {
  const url = mediaUrl(grid.path);
  const [failed, setFailed] = useState(false);
  // a run that just landed shows its own thumbnails, decoded as they came (wire-events.ts): the grid
  // takes over once it is decoded too, so the tile never shows a blank frame between them
  const [waiting, setWaiting] = useState(() => image.thumbnail !== null && isKnown(mediaUrl(image.thumbnail)));
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
  if (failed || waiting) return <Thumbnail image={image} aspectRatio={aspectRatio} cell={cell} eager />;
  // the whole picture has one cell's proportions
  const ratio = grid.width / grid.height;
  // its quarter overflows the cell by at least 1 px on every side (2 px wider, and for a wide image
  // more, so that its height also overflows by 1 px): what the clip leaves is this image's own, never
  // a neighbour's pixels blurred in by scaling or JPEG's colour sampling at the seam
  const style = {
    '--ratio': ratio,
    '--cover': Math.max(1, ratio / cell),
    '--bleed': `${2 * Math.max(1, ratio)}px`,
    '--column': image.index % 2,
    '--row': image.index >> 1,
  } as CSSProperties;
  return <img className="thumb grid-part" style={style} src={url} alt="" loading="eager" decoding="async" draggable={false} onError={() => setFailed(true)} />;
});
