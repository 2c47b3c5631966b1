import { memo, useState, type CSSProperties } from 'react';
import type { GridThumbnail, ImageInfo } from '../../../shared/generation.ts';
import { mediaUrl } from '../api.ts';
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
  const [failed, setFailed] = useState(false);
  if (failed) return <Thumbnail image={image} aspectRatio={aspectRatio} cell={cell} eager />;
  // the whole picture has one cell's proportions
  const ratio = grid.width / grid.height;
  const style = { '--ratio': ratio, '--cover': Math.max(1, ratio / cell), '--column': image.index % 2, '--row': image.index >> 1 } as CSSProperties;
  return <img className="thumb grid-part" style={style} src={mediaUrl(grid.path)} alt="" loading="eager" decoding="async" draggable={false} onError={() => setFailed(true)} />;
});
