import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { ImageInfo } from '../../../../shared/generation.ts';
import { mediaUrl } from '../../api.ts';
import { useElementSize } from '../../hooks/useElementSize.ts';
import { panBy, pinch, placement, toggleActualSize, zoomBy, type Frame, type Point, type Size } from '../../lib/zoom.ts';
import { useViewerStore } from '../../stores/viewer-store.ts';
import { Thumbnail } from '../Thumbnail.tsx';

interface Props {
  image: ImageInfo | undefined;
  aspectRatio: string;
  alt: string;
  /** The pane the keys act on (its frame measures zoom steps and pans). */
  primary: boolean;
  className?: string;
}

/** A wheel notch zooms one step at most; a pinch (reported as Ctrl+wheel) follows the fingers finely. */
function wheelFactor(e: WheelEvent): number {
  const pixels = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
  const factor = Math.exp(-pixels * (e.ctrlKey ? 0.01 : 0.002));
  return Math.min(1.25, Math.max(1 / 1.25, factor));
}

/**
 * One image at any zoom: wheel, trackpad pinch (Ctrl+wheel) or two fingers zoom about the pointer,
 * double-click toggles fit ↔ actual size, a drag pans while zoomed. The zoom and centre live in the viewer store so compared panes
 * move together; this pane only measures its own frame.
 */
export function ZoomableImage({ image, aspectRatio, alt, primary, className = '' }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const boxSize = useElementSize(box);
  const view = useViewerStore((s) => s.view);
  const [failed, setFailed] = useState<string | null>(null);
  // A file that will not load (moved, damaged) shows the placeholder with its note, as the gallery does.
  const path = image?.file && image.file !== failed ? image.file : null;
  const [natural, setNatural] = useState<{ path: string; size: Size } | null>(null);
  // Until the file has loaded, the size the library recorded places it (the same numbers, normally).
  const imageSize = natural?.path === path ? natural.size : image?.width && image.height ? { width: image.width, height: image.height } : null;
  const imageWidth = imageSize?.width ?? 0;
  const imageHeight = imageSize?.height ?? 0;
  const dpr = window.devicePixelRatio || 1;
  // Rebuilt only when a number changes, so the store and the wheel listener are not touched on every render.
  const frame = useMemo<Frame | null>(
    () => (imageWidth > 0 && imageHeight > 0 && boxSize.width > 0 && boxSize.height > 0 ? { image: { width: imageWidth, height: imageHeight }, box: boxSize, dpr } : null),
    [imageWidth, imageHeight, boxSize, dpr],
  );

  useEffect(() => {
    if (primary) useViewerStore.getState().setFrame(frame);
  }, [primary, frame]);

  useEffect(() => {
    const element = box.current;
    if (!element || !frame) return;
    // Not a React handler: React's wheel listener is passive, and a pinch must not zoom the whole page.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const bounds = element.getBoundingClientRect();
      const viewer = useViewerStore.getState();
      viewer.setView(zoomBy(viewer.view, wheelFactor(e), frame, { x: e.clientX - bounds.left, y: e.clientY - bounds.top }));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [frame]);

  // Every finger (or the mouse button) down on the image, where it last was in the frame.
  const pointers = useRef(new Map<number, Point>());
  const inFrame = (e: ReactPointerEvent<HTMLDivElement>): Point => {
    const bounds = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - bounds.left, y: e.clientY - bounds.top };
  };
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    pointers.current.set(e.pointerId, inFrame(e));
    // Zoomed, or a second finger: the gesture pans or pinches. At fit a mouse drag stays a drag of the file.
    if (useViewerStore.getState().view.zoom !== 'fit' || pointers.current.size > 1) {
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
    }
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const before = pointers.current.get(e.pointerId);
    if (!before || !frame) return;
    if (e.buttons === 0) {
      // Released outside the image without capture: this pointer no longer drags.
      pointers.current.delete(e.pointerId);
      return;
    }
    const now = inFrame(e);
    pointers.current.set(e.pointerId, now);
    const other = [...pointers.current].find(([id]) => id !== e.pointerId)?.[1];
    const viewer = useViewerStore.getState();
    viewer.setView(other ? pinch(viewer.view, [before, other], [now, other], frame) : panBy(viewer.view, now.x - before.x, now.y - before.y, frame));
  };
  const endPointer = (e: ReactPointerEvent<HTMLDivElement>) => {
    pointers.current.delete(e.pointerId);
  };

  const zoomed = view.zoom !== 'fit';
  const place = frame ? placement(view, frame) : null;
  return (
    <div
      ref={box}
      className={`zoomable${zoomed ? ' zoomed' : ''} ${className}`}
      data-testid="zoomable-image"
      data-zoom={view.zoom === 'fit' ? 'fit' : view.zoom.toFixed(3)}
      onDoubleClick={(e) => {
        if (!frame) return;
        const bounds = e.currentTarget.getBoundingClientRect();
        const viewer = useViewerStore.getState();
        viewer.setView(toggleActualSize(viewer.view, frame, { x: e.clientX - bounds.left, y: e.clientY - bounds.top }));
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endPointer}
      onPointerCancel={endPointer}
    >
      {path ? (
        <img
          className="zoomable-img"
          src={mediaUrl(path)}
          alt={alt}
          draggable={false}
          decoding="async"
          style={place ? { width: place.width, height: place.height, left: place.left, top: place.top } : { visibility: 'hidden' }}
          onError={() => setFailed(path)}
          onLoad={(e) => setNatural({ path, size: { width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight } })}
        />
      ) : (
        <Thumbnail image={image} aspectRatio={aspectRatio} full alt={alt} />
      )}
    </div>
  );
}
