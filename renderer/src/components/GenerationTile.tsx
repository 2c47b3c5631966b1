import { memo, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { Check, Heart, Layers } from 'lucide-react';
import type { Generation, ImageInfo } from '../../../shared/generation.ts';
import type { Spot } from '../stores/detail-store.ts';
import { modelName } from '../lib/format.ts';
import { drawnFromGrid, GridPicture, QuadCells } from './GridPicture.tsx';
import { Thumbnail } from './Thumbnail.tsx';
import { isMenuKey } from './ContextMenu.tsx';

/**
 * What the gallery does for its tiles: one object for all of them, the same for the gallery's life,
 * so a tile renders again only when what it shows changes. A queue push, a run's progress, renders
 * the gallery; with a new handler per tile and render, it rendered every tile on screen too.
 */
export interface GridTileHandlers {
  open(e: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>, spot: Spot): void;
  /** `at`: the tile's place in the grid. */
  focus(spot: Spot, at: number): void;
  dragStart(e: DragEvent<HTMLElement>, spot: Spot): void;
  menu(generation: Generation, index: number, at: { x: number; y: number }): void;
}

interface Props {
  generation: Generation;
  /** Which image, in the single-image layout; null for the four-up tile. */
  index: number | null;
  /** The image the tile stands for (its spot's; 0 for a four-up tile) and its place in the grid. */
  spotIndex: number;
  at: number;
  /** The keyboard's current tile. */
  selected: boolean;
  /** Part of a multi-selection. */
  inSelection: boolean;
  handlers: GridTileHandlers;
  /** Pixels, from the justified layout. */
  width: number;
  /** Pixels: the row's. */
  height: number;
  /** Just finished: slides in from the queue. */
  fresh: boolean;
  tabbable: boolean;
}

/** What the tile says of its curation: favourite, best rating, how many images are kept. */
function summaryOf(g: Generation, image: ImageInfo | null): { favorite: boolean; rating: number | null; kept: string | null } {
  if (image) return { favorite: image.favorite, rating: image.rating, kept: image.rejected ? 'Rejected' : null };
  const kept = g.images.filter((i) => !i.rejected).length;
  const total = kept + g.culledImages;
  return { favorite: g.favorite, rating: g.bestRating, kept: g.culledImages > 0 ? `${kept} of ${total} kept` : null };
}

/** What opening a tile does, and what the gallery hears of it: the same for a grid tile and a landed run's tile in the feed. */
export interface TileActions {
  /** The keyboard's current tile. */
  selected: boolean;
  /** Part of a multi-selection (Ctrl/Cmd+click, Shift+click). */
  inSelection: boolean;
  /** A click (or Enter on a landed feed tile): plain opens, with Ctrl/Cmd or Shift it selects (the gallery decides). */
  onOpen(e: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>): void;
  /** Focus (Tab, a click) makes a tile the keyboard's current one. */
  onFocus(): void;
  /** Dragged (onto a sidebar collection, to file it). */
  onDragStart(e: DragEvent<HTMLElement>): void;
  /** Right-click, the Menu key or Shift+F10: the tile's context menu, opened at this point. */
  onMenu(at: { x: number; y: number }): void;
}

/** A tile's name, class and handlers: what makes an element the gallery's tile for this generation. */
export function tileAttributes(g: Generation, index: number | null, actions: TileActions, extraClass = '') {
  const opens = index === null ? `Open “${g.effective.prompt}”` : `Open image ${index + 1} of “${g.effective.prompt}”`;
  // A button cannot carry aria-selected, and aria-pressed would make it a toggle; the name says it.
  const stack = stackSizeOf(g);
  // a collapsed stack opens to its members (the newest is this tile; keys act on it)
  const what = stack === null ? opens : `Open the stack of ${stack} reruns of “${g.effective.prompt}”`;
  const named = g.source === 'sandbox' ? `${what}, simulated generation` : what;
  const { selected, inSelection, onOpen, onFocus, onDragStart, onMenu } = actions;
  return {
    className: `tile${stack !== null ? ' stacked' : ''}${selected ? ' selected' : ''}${inSelection ? ' in-selection' : ''}${extraClass}`,
    'data-testid': 'gallery-tile',
    'data-id': g.id,
    'data-index': index ?? 0,
    'aria-label': inSelection ? `${named}, selected` : named,
    'aria-current': selected ? ('true' as const) : undefined,
    onMouseDown: (e: MouseEvent<HTMLElement>) => {
      // A selecting click must not move the current tile on focus before the click can read it, nor select text.
      if (e.shiftKey || e.ctrlKey || e.metaKey) e.preventDefault();
    },
    onClick: onOpen,
    onContextMenu: (e: MouseEvent<HTMLElement>) => {
      e.preventDefault();
      onMenu({ x: e.clientX, y: e.clientY });
    },
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if (!isMenuKey(e)) return;
      e.preventDefault();
      e.stopPropagation();
      const box = e.currentTarget.getBoundingClientRect();
      onMenu({ x: box.left + 8, y: box.top + 8 });
    },
    onFocus,
    draggable: true,
    onDragStart,
  };
}

function stackSizeOf(g: Generation): number | null {
  return g.stackSize !== undefined && g.stackSize > 1 ? g.stackSize : null;
}

/** What a tile shows over its images: the caption, and the marks of selection, stack, simulation and curation. */
export function TileMarks({ generation: g, index, inSelection }: { generation: Generation; index: number | null; inSelection: boolean }) {
  const stack = stackSizeOf(g);
  const summary = summaryOf(g, index === null ? null : (g.images[index] ?? null));
  return (
    <>
      <span className="tile-caption" aria-hidden="true">
        <span className="tile-prompt">{g.effective.prompt}</span>
        <span className="tile-meta">
          {modelName(g.effective.model)} · {g.effective.aspectRatio}
        </span>
      </span>
      {inSelection && (
        <span className="tile-check" aria-hidden="true">
          <Check size={14} strokeWidth={3} />
        </span>
      )}
      {stack !== null && (
        <span className="tile-stack" data-testid="tile-stack" title="Reruns with the same settings and seed: open to see them all" aria-hidden="true">
          <Layers size={12} aria-hidden="true" /> {stack} reruns
        </span>
      )}
      {g.source === 'sandbox' && (
        <span className="tile-simulated" title="Simulated generation" aria-hidden="true">
          Simulated
        </span>
      )}
      {summary.favorite && (
        <span className="tile-favorite" aria-hidden="true">
          <Heart size={14} fill="currentColor" />
        </span>
      )}
      {(summary.rating !== null || summary.kept !== null) && (
        <span className="tile-summary" data-testid="tile-summary">
          {summary.rating !== null && <span className="tile-rating">{`★ ${summary.rating}`}</span>}
          {summary.kept !== null && <span className="tile-kept">{summary.kept}</span>}
        </span>
      )}
    </>
  );
}

/**
 * One tile of the gallery: a generation's four images (from its grid thumbnail when it has one and
 * all four are saved, GridPicture.tsx), or one of them, fitted into a square cell.
 * Its thumbnails load eagerly: the grid only mounts the rows on or near the screen, and Chromium's
 * lazy loading waited a frame or more after the tiles were laid out (~100 ms of the first screen at 1M);
 * a new list's are asked for once its first frame is painted (`lib/picture-source.ts`).
 */
export const GenerationTile = memo(function GenerationTile({ generation: g, index, spotIndex, at, width, height, fresh, tabbable, selected, inSelection, handlers }: Props) {
  const spot = { id: g.id, index: spotIndex };
  const actions: TileActions = {
    selected,
    inSelection,
    onOpen: (e) => handlers.open(e, spot),
    onFocus: () => handlers.focus(spot, at),
    onDragStart: (e) => handlers.dragStart(e, spot),
    onMenu: (point) => handlers.menu(g, spotIndex, point),
  };
  const single = index === null ? null : (g.images[index] ?? null);
  // a four-up's cells have the tile's proportions but for the 2 px between them, which the images' bleed covers
  const cell = width / height;
  return (
    <button type="button" {...tileAttributes(g, index, actions, fresh ? ' fresh' : '')} tabIndex={tabbable ? 0 : -1} style={{ width }}>
      {index !== null ? (
        <span className="tile-single">
          <span className={`quad-cell${single?.rejected ? ' rejected' : ''}`}>
            <Thumbnail image={single ?? undefined} aspectRatio={g.effective.aspectRatio} cell={cell} eager />
          </span>
        </span>
      ) : drawnFromGrid(g.grid, g.images) ? (
        <GridPicture grid={g.grid} images={g.images} aspectRatio={g.effective.aspectRatio} cell={cell} />
      ) : (
        <QuadCells images={g.images} aspectRatio={g.effective.aspectRatio} cell={cell} />
      )}
      <TileMarks generation={g} index={index} inSelection={inSelection} />
    </button>
  );
});
