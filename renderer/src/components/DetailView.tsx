import { ChevronDown, ChevronLeft, ChevronRight, ChevronUp, Copy, ScanSearch, Terminal, X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import type { Generation } from '../../../shared/generation.ts';
import { midjourneyPrompt } from '../lib/midjourney-prompt.ts';
import { when } from '../lib/format.ts';
import { copyText } from '../stores/library-actions.ts';
import { useDetailStore } from '../stores/detail-store.ts';
import { useAppStore } from '../stores/app-store.ts';
import { compareSelection, useCompareStore } from '../stores/compare-store.ts';
import { imageKey, useSelectionStore } from '../stores/selection-store.ts';
import { isModKey } from '../lib/typing.ts';
import { leaveFullscreenOrZoom, registerFullscreenTarget, useViewerStore } from '../stores/viewer-store.ts';
import { imageAction } from '../stores/desktop-actions.ts';
import { DesktopImageActions } from './DesktopImageActions.tsx';
import { DetailActions, DetailQuickActions } from './DetailActions.tsx';
import { DetailCuration } from './DetailCuration.tsx';
import { FileDetails } from './FileDetails.tsx';
import { ImageRating } from './ImageRating.tsx';
import { LineagePanel } from './LineagePanel.tsx';
import { Modal } from './Modal.tsx';
import { ParameterList } from './ParameterList.tsx';
import { SimilarImages } from './SimilarImages.tsx';
import { useDuplicatesStore } from '../stores/duplicates-store.ts';
import { Thumbnail } from './Thumbnail.tsx';
import { ViewerControls } from './viewer/ViewerControls.tsx';
import { ZoomableImage } from './viewer/ZoomableImage.tsx';

/** One generation large: its images, every setting, its lineage, and what to do next. */
export function DetailView({ generation: g }: { generation: Generation }) {
  const imageIndex = useDetailStore((s) => s.imageIndex);
  const picked = useSelectionStore((s) => s.images);
  const { close, stepImage, stepGeneration } = useDetailStore.getState();
  const count = Math.max(1, g.images.length);
  const desktop = useAppStore((s) => s.info?.shell === 'electron');
  const saved = Boolean(g.images[imageIndex]?.file);
  // Zoomed, a drag pans the image; at fit it carries the file out to other apps.
  const atFit = useViewerStore((s) => s.view.zoom === 'fit');
  // Under compare, compare's focused pane is the one the keys measure.
  const comparing = useCompareStore((s) => s.panes.length > 0);
  const dragOut = desktop && saved && atFit;
  const stage = useRef<HTMLDivElement>(null);
  useEffect(() => (stage.current ? registerFullscreenTarget(stage.current) : undefined), []);
  // Each image opens at fit.
  useEffect(() => useViewerStore.getState().fit(), [g.id, imageIndex]);
  // Esc leaves full screen, then zoom, and only then the detail view.
  const escape = () => {
    if (!leaveFullscreenOrZoom()) close();
  };
  return (
    <Modal label="Generation details" className="detail" onClose={close} onEscape={escape}>
      <div className="detail-stage" ref={stage}>
        {/* Above the image: toasts rise from the bottom and must not cover the controls. */}
        <ViewerControls />
        <div
          className="detail-image"
          data-toast-area
          draggable={dragOut}
          onDragStart={
            dragOut
              ? (e) => {
                  // The desktop shell drags the real file out to other apps; the page only asks for it.
                  e.preventDefault();
                  void imageAction('image:drag', g.id, imageIndex);
                }
              : undefined
          }
        >
          <ZoomableImage image={g.images[imageIndex]} aspectRatio={g.effective.aspectRatio} primary={!comparing} alt={`Image ${imageIndex + 1} of “${g.effective.prompt}”`} />
        </div>
        <button type="button" className="stage-nav prev" aria-label="Previous image" onClick={() => stepImage(-1)}>
          <ChevronLeft size={22} aria-hidden="true" />
        </button>
        <button type="button" className="stage-nav next" aria-label="Next image" onClick={() => stepImage(1)}>
          <ChevronRight size={22} aria-hidden="true" />
        </button>
        <div className="detail-strip" role="group" aria-label="Images">
          {Array.from({ length: count }, (_, i) => {
            const isPicked = picked.has(imageKey({ id: g.id, index: i }));
            return (
              <button
                type="button"
                key={i}
                className={`strip-thumb${i === imageIndex ? ' on' : ''}${isPicked ? ' picked' : ''}`}
                aria-label={isPicked ? `Image ${i + 1}, picked` : `Image ${i + 1}`}
                aria-pressed={i === imageIndex}
                title="Ctrl/Cmd+click picks it for Compare"
                onClick={(e) => {
                  // picks images, not the generation, so two of its four can be compared
                  if (isModKey(e)) useSelectionStore.getState().toggle({ id: g.id, index: i }, true);
                  else useDetailStore.getState().showImage(i);
                }}
              >
                <Thumbnail image={g.images[i]} aspectRatio={g.effective.aspectRatio} />
              </button>
            );
          })}
          {picked.size >= 2 && (
            <button type="button" className="ghost-button strip-compare" title="Compare 2 to 4 picked images side by side" onClick={() => void compareSelection()}>
              Compare picked images ({picked.size})
            </button>
          )}
        </div>
      </div>
      <aside className="detail-side">
        <header className="detail-head">
          <span className="muted detail-when">
            #{g.id} · <time dateTime={new Date(g.createdAt).toISOString()}>{when(g.createdAt)}</time>
          </span>
          {g.source === 'sandbox' && (
            <span className="badge simulated" title="Made by the built-in Sandbox: the images are simulated and cost no credits">
              Simulated generation
            </span>
          )}
          <div className="detail-head-nav">
            <DetailQuickActions generation={g} />
            <span className="head-divider" aria-hidden="true" />
            <button type="button" className="icon-button" aria-label="Previous generation" title="Previous generation · ↑" onClick={() => stepGeneration(-1)}>
              <ChevronUp size={16} aria-hidden="true" />
            </button>
            <button type="button" className="icon-button" aria-label="Next generation" title="Next generation · ↓" onClick={() => stepGeneration(1)}>
              <ChevronDown size={16} aria-hidden="true" />
            </button>
            <button type="button" className="icon-button" aria-label="Close" title="Close · Esc" data-autofocus onClick={close}>
              <X size={16} aria-hidden="true" />
            </button>
          </div>
        </header>
        <p className="detail-prompt" data-testid="detail-prompt">
          {g.effective.prompt}
        </p>
        <div className="copy-row">
          <button type="button" className="ghost-button" onClick={() => void copyText(g.effective.prompt, 'Prompt')}>
            <Copy size={13} aria-hidden="true" /> Copy prompt
          </button>
          <button type="button" className="ghost-button" onClick={() => void copyText(midjourneyPrompt(g.effective), 'Midjourney prompt')}>
            <Terminal size={13} aria-hidden="true" /> Copy as Midjourney prompt
          </button>
        </div>
        <div className="copy-row">
          <button
            type="button"
            className="ghost-button"
            disabled={!saved}
            title="Exact copies and near copies of this image in the library"
            onClick={() => void useDuplicatesStore.getState().findSimilar({ generationId: g.id, index: g.images[imageIndex]?.index ?? imageIndex })}
          >
            <ScanSearch size={13} aria-hidden="true" /> Find similar
          </button>
        </div>
        <SimilarImages generationId={g.id} index={g.images[imageIndex]?.index ?? imageIndex} />
        {desktop && (
          <div className="copy-row">
            <DesktopImageActions generationId={g.id} index={imageIndex} saved={saved} />
          </div>
        )}
        <code className="mj-prompt" data-testid="midjourney-prompt">
          {midjourneyPrompt(g.effective)}
        </code>
        <ImageRating generation={g} />
        <DetailActions generation={g} />
        <DetailCuration generation={g} />
        <ParameterList generation={g} />
        <LineagePanel />
        <FileDetails generation={g} />
      </aside>
    </Modal>
  );
}
