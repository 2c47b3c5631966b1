import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { LoaderCircle } from 'lucide-react';
import { ratioOf } from '../lib/format.ts';
import { justify } from '../lib/justify.ts';
import { useFirstFramePainted } from '../hooks/useFirstFramePainted.ts';
import { PictureSource } from '../lib/picture-source.ts';
import { galleryRowHeight } from '../lib/thumbnail-size.ts';
import { setDragFiling } from '../lib/drag-filing.ts';
import type { FilingTarget } from '../lib/filing.ts';
import { useCurationStore } from '../stores/curation-store.ts';
import { useLayoutStore } from '../stores/layout-store.ts';
import { gallerySpots, useDetailStore, type Spot } from '../stores/detail-store.ts';
import { hidesRejected, useGalleryStore, type GalleryLayout } from '../stores/gallery-store.ts';
import { imageKey, useSelectionStore } from '../stores/selection-store.ts';
import { selectionTarget } from '../stores/collections-store.ts';
import { isModKey } from '../lib/typing.ts';
import { GalleryEmpty } from './GalleryEmpty.tsx';
import { GalleryLoading } from './GalleryLoading.tsx';
import { GenerationTile, type GridTileHandlers, type TileActions } from './GenerationTile.tsx';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { feedLayout } from '../lib/feed-layout.ts';
import { feedRuns, useQueueStore } from '../stores/queue-store.ts';
import type { Generation } from '../../../shared/generation.ts';
import { isStack, openStack, showFamily } from '../stores/stack-actions.ts';
import { ContextMenu, type MenuItem } from './ContextMenu.tsx';
import { useReferenceStore } from '../stores/reference-store.ts';
import { findSimilarFrom } from '../stores/duplicates-store.ts';
import { Feed } from './Feed.tsx';

const GAP = 10;
/** Rows rendered below (and above) the screen once a new list's first frame is painted, so scrolling finds them there. */
const OVERSCAN_ROWS = 3;
const PADDING = 20;

/**
 * The library as a virtualized, justified grid: only the rows on screen exist in the page,
 * and the next keyset page is asked for as the end comes near, so the size of the library
 * never matters.
 */
export function Gallery() {
  const library = useGalleryStore((s) => s.items);
  const layout = useGalleryStore((s) => s.layout);
  const status = useGalleryStore((s) => s.status);
  const updating = useGalleryStore((s) => s.updating);
  const typing = useGalleryStore((s) => s.typing);
  const error = useGalleryStore((s) => s.error);
  const loadingMore = useGalleryStore((s) => s.loadingMore);
  const hasMore = useGalleryStore((s) => s.nextCursor !== null);
  const selected = useDetailStore((s) => s.selected);
  const fresh = useGalleryStore((s) => s.fresh);
  const firstPages = useGalleryStore((s) => s.firstPages);
  const picked = useSelectionStore((s) => s.ids);
  const pickedImages = useSelectionStore((s) => s.images);
  const thumbnailSize = useLayoutStore((s) => s.thumbnailSize);
  const live = useQueueStore((s) => s.items);
  const landed = useQueueStore((s) => s.landed);
  const concurrency = useQueueStore((s) => s.concurrency);

  const scrollRef = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<{ generation: Generation; index: number; at: { x: number; y: number } } | null>(null);
  const closeMenu = useCallback(() => {
    setMenu((open) => {
      // back to the tile the menu was for (focus makes it the current one), so the keys go on from there
      if (open) scrollRef.current?.querySelector<HTMLElement>(`.tile[data-id="${open.generation.id}"]`)?.focus({ preventScroll: true });
      return null;
    });
  }, []);
  const width = useElementWidth(scrollRef);
  const inner = Math.max(0, width - 2 * PADDING);

  // The feed (runs of this session) sits above the grid; a run in it is not repeated below.
  const runs = useMemo(() => feedRuns(live, landed), [live, landed]);
  const items = useMemo(() => {
    const inFeed = new Set(runs.map((g) => g.id));
    return inFeed.size === 0 ? library : library.filter((g) => !inFeed.has(g.id));
  }, [library, runs]);
  const rowHeight = galleryRowHeight(thumbnailSize, layout);
  const feed = useMemo(() => feedLayout(runs.map((g) => ratioOf(g.effective.aspectRatio)), inner, rowHeight, GAP), [runs, inner, rowHeight]);
  const feedRoom = feed.height > 0 ? feed.height + GAP : 0;
  const slotsFull = live.filter((g) => g.status === 'submitting' || g.status === 'waiting' || g.status === 'generating').length >= concurrency;

  const hideRejected = useCurationStore((s) => s.hideRejected);
  // a boolean, so a keystroke that leaves it as it was renders nothing here (the tiles are most of a keystroke's work)
  const hiding = useGalleryStore((s) => hidesRejected(s.query, hideRejected));
  const spots = useMemo(() => gallerySpots(items, layout, hiding), [items, layout, hiding]);
  const byId = useMemo(() => new Map(items.map((g) => [g.id, g])), [items]);
  const rows = useMemo(() => {
    const ratios = spots.map((spot) => ratioOf(byId.get(spot.id)?.effective.aspectRatio ?? '1:1'));
    return justify(ratios, inner, rowHeight, GAP);
  }, [spots, byId, inner, rowHeight]);

  const painted = useFirstFramePainted(firstPages);
  // The rows' keys stay their indices, but the function is new with each layout: the virtualizer
  // places the new rows in the same render. Asked to re-measure from an effect instead, it rendered
  // the whole grid a second time after every new page, in a task of its own before the page could
  // paint (bench:ui's long frames showed it: 11-24 ms at 1M on 2 cores).
  const rowKey = useMemo(() => (index: number) => index, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    getItemKey: rowKey,
    estimateSize: (i) => (rows[i]?.height ?? 0) + GAP,
    overscan: painted ? OVERSCAN_ROWS : 0,
    // The feed's rows come first; the grid's rows below move by transform when it grows (no layout shift).
    paddingStart: PADDING + feedRoom,
    paddingEnd: PADDING,
  });

  useEffect(() => {
    useGalleryStore.getState().setRowStarts(rows.map((row) => row.start));
  }, [rows]);

  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastRow >= rows.length - 4) void useGalleryStore.getState().loadMore();
  }, [hasMore, lastRow, rows.length]);

  const selectedAt = selected ? spots.findIndex((s) => s.id === selected.id && (layout === 'generations' || s.index === selected.index)) : -1;
  const selectedRow = selectedAt === -1 ? -1 : rows.findIndex((row) => selectedAt >= row.start && selectedAt < row.end);
  useEffect(() => {
    if (selectedRow === -1) return;
    virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
    // Keyboard focus follows the selection, but only if it was already in the gallery.
    const grid = scrollRef.current;
    if (grid && (grid.contains(document.activeElement) || document.activeElement === document.body)) {
      requestAnimationFrame(() => {
        // a tile's context menu opened meanwhile (a right-click selects its tile first) keeps the focus
        if (document.activeElement?.closest('[role="menu"]')) return;
        grid.querySelector<HTMLElement>('.tile.selected')?.focus({ preventScroll: true });
      });
    }
  }, [selectedAt, selectedRow, virtualizer]);

  const { select, show } = useDetailStore.getState();
  const open = (e: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>, spot: Spot) => {
    const selection = useSelectionStore.getState();
    const current = useDetailStore.getState().selected;
    if (isModKey(e) || e.shiftKey) {
      if (e.shiftKey) selection.extendTo(spot, current);
      else selection.toggle(spot);
      select(spot);
      // The tile did not take focus on the press (see GenerationTile): keys go on from here.
      e.currentTarget.focus({ preventScroll: true });
      return;
    }
    selection.clear();
    select(spot);
    const generation = byId.get(spot.id);
    if (generation && isStack(generation)) openStack(spot.id);
    else void show(spot.id, spot.index);
  };
  // The tiles' handlers read the gallery as it is when they are called, from here.
  const latest = useRef({ open, selectedAt, layout });
  useLayoutEffect(() => {
    latest.current = { open, selectedAt, layout };
  });
  const handlers = useMemo<GridTileHandlers>(
    () => ({
      open: (e, spot) => latest.current.open(e, spot),
      focus: (spot, at) => {
        if (at !== latest.current.selectedAt) useDetailStore.getState().select(spot);
      },
      dragStart: (e, spot) => setDragFiling(e, dragged(spot, latest.current.layout)),
      // not selected here: the grid would move focus to the selected tile, away from the menu
      menu: (generation, index, at) => setMenu({ generation, index, at }),
    }),
    [],
  );
  // A landed run shows the library's copy (its curation as it changes), and acts as the grid's tiles do.
  const libraryById = useMemo(() => new Map(library.map((g) => [g.id, g])), [library]);
  const shownRuns = useMemo(() => runs.map((g) => (g.status === 'done' ? (libraryById.get(g.id) ?? g) : g)), [runs, libraryById]);
  const landedActions = (g: Generation): TileActions => {
    const spot = { id: g.id, index: 0 };
    return {
      selected: selected?.id === g.id,
      inSelection: picked.has(g.id),
      onFocus: () => {
        if (selected?.id !== g.id) select(spot);
      },
      onDragStart: (e) => setDragFiling(e, dragged(spot, 'generations')),
      onMenu: (at) => setMenu({ generation: g, index: 0, at }),
      onOpen: (e) => open(e, spot),
    };
  };

  return (
    <div className="gallery-scroll" ref={scrollRef} role="region" aria-label="Gallery" aria-busy={updating} data-toast-area>
      {status === 'loading' && items.length === 0 && <GalleryLoading />}
      {status === 'error' && (
        <p className="gallery-error" role="alert">
          {error?.message ?? 'The library could not be read.'}
        </p>
      )}
      {status === 'ready' && items.length === 0 && runs.length === 0 && <GalleryEmpty />}
      {(items.length > 0 || runs.length > 0) && (
        <PictureSource value={painted && !typing}>
          <div className="gallery-rows" style={{ height: virtualizer.getTotalSize() }}>
            {runs.length > 0 && <Feed runs={shownRuns} layout={feed} top={PADDING} left={PADDING} slotsFull={slotsFull} landedActions={landedActions} />}
            {virtualRows.map((virtualRow) => {
              const row = rows[virtualRow.index];
              if (!row) return null;
              return (
                <div key={virtualRow.key} className="gallery-row" style={{ transform: `translateY(${virtualRow.start}px)`, height: row.height, gap: GAP, left: PADDING }}>
                  {spots.slice(row.start, row.end).map((spot, i) => {
                    const generation = byId.get(spot.id);
                    if (!generation) return null;
                    const at = row.start + i;
                    return (
                      <GenerationTile
                        key={`${spot.id}-${spot.index}`}
                        generation={generation}
                        index={layout === 'images' ? spot.index : null}
                        width={row.widths[i] ?? row.height}
                        height={row.height}
                        fresh={fresh.has(spot.id)}
                        selected={at === selectedAt}
                        inSelection={layout === 'images' && pickedImages.size > 0 ? pickedImages.has(imageKey(spot)) : picked.has(spot.id)}
                        tabbable={selectedAt === -1 ? at === 0 : at === selectedAt}
                        spotIndex={spot.index}
                        at={at}
                        handlers={handlers}
                      />
                    );
                  })}
                </div>
              );
            })}
          </div>
        </PictureSource>
      )}
      {menu && <ContextMenu label={`Generation #${menu.generation.id}`} at={menu.at} items={tileMenu(menu.generation, menu.index)} onClose={closeMenu} />}
      {loadingMore && (
        <p className="gallery-more">
          <LoaderCircle className="spin" size={16} aria-hidden="true" /> Loading more…
        </p>
      )}
    </div>
  );
}

/** A tile's context menu, for its generation and the image it shows (image 1 of a four-up tile). */
function tileMenu(g: Generation, index: number): MenuItem[] {
  const saved = g.images[index]?.state === 'done';
  return [
    ...(isStack(g) ? [{ label: `Open stack (${g.stackSize ?? 1} reruns)`, run: () => openStack(g.id) }] : []),
    { label: 'Show family', run: () => void showFamily(g.id) },
    ...(saved
      ? [
          { label: 'Use as reference', run: () => void useReferenceStore.getState().fromImage(g, index) },
          { label: 'Find similar', run: () => void findSimilarFrom(g.id, index) },
        ]
      : []),
  ];
}

/** What a dragged tile files: the whole selection when the tile is part of it (stacks spread at the drop), else this generation or image. */
function dragged(spot: Spot, layout: GalleryLayout): FilingTarget {
  const { ids, images } = useSelectionStore.getState();
  const inSelection = layout === 'images' && images.size > 0 ? images.has(imageKey(spot)) : ids.has(spot.id);
  const selection = inSelection ? selectionTarget() : null;
  if (selection !== null) return selection;
  return layout === 'images' ? { images: [{ generationId: spot.id, index: spot.index }], generationIds: [] } : { images: [], generationIds: [spot.id] };
}
