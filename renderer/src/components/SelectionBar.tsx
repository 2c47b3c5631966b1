import { useState } from 'react';
import { Columns2, Download, FolderInput, FolderMinus, Heart, HeartOff, Tag, Trash2, X } from 'lucide-react';
import { collectionQuery } from '../lib/filing.ts';
import { count } from '../lib/format.ts';
import { useCollectionsStore } from '../stores/collections-store.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { addTag } from '../stores/tag-actions.ts';
import { TagInput } from './TagInput.tsx';
import { deleteGenerations, selectedGenerations, setFavorite } from '../stores/library-actions.ts';
import { compareSelection } from '../stores/compare-store.ts';
import { useExportStore } from '../stores/export-store.ts';
import { useSelectionStore } from '../stores/selection-store.ts';

/** What can be done to every selected generation at once; shown over the filter chips while two or more are selected. */
export function SelectionBar() {
  const size = useSelectionStore((s) => s.ids.size);
  const clear = useSelectionStore((s) => s.clear);
  const [tagging, setTagging] = useState(false);
  // while one collection is shown, the picked tiles can leave it
  const text = useGalleryStore((s) => s.query.text);
  const shown = useCollectionsStore((s) => s.collections.find((c) => collectionQuery(c.name) === text));
  const picked = () => [...useSelectionStore.getState().ids];
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selection" data-testid="selection-bar">
      <span className="selection-count" data-testid="selection-count">
        {size.toLocaleString()} selected
      </span>
      <span className="chip-divider" aria-hidden="true" />
      <button type="button" className="ghost-button" aria-label="Favorite selected" title="Favorite · F" onClick={() => void setFavorite(selectedGenerations(), true)}>
        <Heart size={13} aria-hidden="true" /> Favorite
      </button>
      <button type="button" className="ghost-button" aria-label="Unfavorite selected" onClick={() => void setFavorite(selectedGenerations(), false)}>
        <HeartOff size={13} aria-hidden="true" /> Unfavorite
      </button>
      <button type="button" className="ghost-button" title="Compare 2 to 4 side by side · C" onClick={compareSelection}>
        <Columns2 size={13} aria-hidden="true" /> Compare
      </button>
      <button type="button" className="ghost-button" title="Add to collection · B" onClick={() => useCollectionsStore.getState().openPicker({ images: [], generationIds: picked() })}>
        <FolderInput size={13} aria-hidden="true" /> Add to collection
      </button>
      {shown && (
        <button type="button" className="ghost-button" onClick={() => void useCollectionsStore.getState().takeOut(shown, { images: [], generationIds: picked() })}>
          <FolderMinus size={13} aria-hidden="true" /> Remove from collection
        </button>
      )}
      {tagging ? (
        <TagInput autoFocus onEscape={() => setTagging(false)} onAdd={async (name) => {
          const done = await addTag(picked(), name);
          if (done) setTagging(false);
          return done;
        }} />
      ) : (
        <button type="button" className="ghost-button" aria-label="Tag selected" onClick={() => setTagging(true)}>
          <Tag size={13} aria-hidden="true" /> Tag
        </button>
      )}
      <button type="button" className="ghost-button" onClick={() => useExportStore.getState().open([...useSelectionStore.getState().ids])}>
        <Download size={13} aria-hidden="true" /> Export…
      </button>
      <button type="button" className="ghost-button danger" aria-label="Delete selected" title="Delete · Del" onClick={() => void deleteGenerations(selectedGenerations())}>
        <Trash2 size={13} aria-hidden="true" /> Delete
      </button>
      <button type="button" className="link-button selection-clear" aria-label="Clear selection" title="Clear · Esc" onClick={clear}>
        <X size={13} aria-hidden="true" /> Clear
      </button>
    </div>
  );
}

/** Says the selection's size to screen readers; always in the page so changes are announced. */
export function SelectionAnnouncer() {
  const size = useSelectionStore((s) => s.ids.size);
  return (
    <span className="visually-hidden" aria-live="polite">
      {size > 0 ? `${count(size, 'generation')} selected` : ''}
    </span>
  );
}
