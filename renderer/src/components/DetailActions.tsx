import { Dices, Heart, ImagePlus, ImageMinus, PencilLine, RotateCcw, ThumbsDown, Trash2 } from 'lucide-react';
import type { Generation } from '../../../shared/generation.ts';
import { aim, deleteImages, toggleFavorite, toggleReject } from '../stores/curation-actions.ts';
import { deleteGeneration, rerun } from '../stores/library-actions.ts';
import { useDetailStore } from '../stores/detail-store.ts';
import { useDraftStore } from '../stores/draft-store.ts';
import { useReferenceStore } from '../stores/reference-store.ts';

/** What can be done with the open generation; each has a key too (see the help overlay). */
export function DetailActions({ generation: g }: { generation: Generation }) {
  const editAndRerun = async () => {
    if (!(await useDraftStore.getState().editFrom(g))) return;
    useDetailStore.getState().close();
    requestAnimationFrame(() => document.getElementById('prompt')?.focus());
  };
  const useAsReference = () => {
    // The shown image fills the reference field; the field shows the check or upload as it goes.
    void useReferenceStore.getState().fromImage(g, useDetailStore.getState().imageIndex);
    useDetailStore.getState().close();
    requestAnimationFrame(() => document.getElementById('reference-image')?.focus());
  };
  return (
    <div className="detail-actions">
      <button type="button" className="secondary-button" aria-label="Rerun (same seed)" title="Rerun (same seed) · R" onClick={() => void rerun(g, 'same')}>
        <RotateCcw size={14} aria-hidden="true" /> Rerun
      </button>
      <button type="button" className="secondary-button" aria-label="Rerun with new seed" title="Rerun with new seed" onClick={() => void rerun(g, 'new')}>
        <Dices size={14} aria-hidden="true" /> New seed
      </button>
      <button type="button" className="secondary-button" aria-label="Edit & rerun" title="Load into the generate panel as a new draft" onClick={() => void editAndRerun()}>
        <PencilLine size={14} aria-hidden="true" /> Edit
      </button>
      <button type="button" className="secondary-button" aria-label="Use as reference" title="Use the shown image as the reference of the next run" onClick={useAsReference}>
        <ImagePlus size={14} aria-hidden="true" /> Reference
      </button>
    </div>
  );
}

/** The shown image's curation and the deletes: small, beside the view's navigation, each with its key. */
export function DetailQuickActions({ generation: g }: { generation: Generation }) {
  const imageIndex = useDetailStore((s) => s.imageIndex);
  const image = g.images[imageIndex];
  const shown = () => aim();
  return (
    <>
      <button
        type="button"
        className={`icon-button${image?.favorite ? ' favorite' : ''}`}
        aria-pressed={image?.favorite ?? false}
        aria-label="Favorite image"
        title="Favorite image · F"
        disabled={!image}
        onClick={() => void toggleFavorite(shown())}
      >
        <Heart size={16} fill={image?.favorite ? 'currentColor' : 'none'} aria-hidden="true" />
      </button>
      <button
        type="button"
        className={`icon-button${image?.rejected ? ' rejected' : ''}`}
        aria-pressed={image?.rejected ?? false}
        aria-label="Reject image"
        title="Reject image · X"
        disabled={!image}
        onClick={() => void toggleReject(shown())}
      >
        <ThumbsDown size={16} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="icon-button danger"
        aria-label="Delete image"
        title="Delete image · Del (undo with Ctrl+Z)"
        disabled={!image}
        onClick={() => {
          const target = shown();
          if (target) void deleteImages(target);
        }}
      >
        <ImageMinus size={16} aria-hidden="true" />
      </button>
      <button type="button" className="icon-button danger" aria-label="Delete generation" title="Delete generation, all its images (undo with Ctrl+Z)" onClick={() => void deleteGeneration(g)}>
        <Trash2 size={16} aria-hidden="true" />
      </button>
    </>
  );
}
