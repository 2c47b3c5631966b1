import { Dices, Heart, PencilLine, RotateCcw, Trash2 } from 'lucide-react';
import type { Generation } from '../../../shared/generation.ts';
import { deleteGeneration, rerun, toggleFavorite } from '../stores/library-actions.ts';
import { useDetailStore } from '../stores/detail-store.ts';
import { useDraftStore } from '../stores/draft-store.ts';

/** What can be done with the open generation; each has a key too (see the help overlay). */
export function DetailActions({ generation: g }: { generation: Generation }) {
  const editAndRerun = async () => {
    if (!(await useDraftStore.getState().editFrom(g))) return;
    useDetailStore.getState().close();
    requestAnimationFrame(() => document.getElementById('prompt')?.focus());
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
    </div>
  );
}

/** Favorite and delete: small, beside the view's navigation, each with its key. */
export function DetailQuickActions({ generation: g }: { generation: Generation }) {
  return (
    <>
      <button
        type="button"
        className={`icon-button${g.favorite ? ' favorite' : ''}`}
        aria-pressed={g.favorite}
        aria-label="Favorite"
        title={g.favorite ? 'Favorite · F' : 'Mark as favorite · F'}
        onClick={() => void toggleFavorite(g)}
      >
        <Heart size={16} fill={g.favorite ? 'currentColor' : 'none'} aria-hidden="true" />
      </button>
      <button type="button" className="icon-button danger" aria-label="Delete" title="Delete · Del (undo with Ctrl+Z)" onClick={() => void deleteGeneration(g)}>
        <Trash2 size={16} aria-hidden="true" />
      </button>
    </>
  );
}
