import { useState } from 'react';
import { Columns2, Download, FolderInput, FolderMinus, Heart, HeartOff, Tag, ThumbsDown, Trash2, X } from 'lucide-react';
import type { Rating } from '../../../shared/generation.ts';
import { collectionQuery, type FilingTarget } from '../lib/filing.ts';
import { count } from '../lib/format.ts';
import { selectionTarget, useCollectionsStore } from '../stores/collections-store.ts';
import { compareSelection } from '../stores/compare-store.ts';
import { deleteSelected, rate, selectionAim, setFavorite, toggleReject } from '../stores/curation-actions.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { spreadFiling, stackedImages, stackedSelection, withStackMembers } from '../stores/stack-actions.ts';
import { addTag } from '../stores/tag-actions.ts';
import { TagInput } from './TagInput.tsx';
import { exportSelection } from '../stores/export-store.ts';
import { querySelection, selectionSize, useSelectionStore } from '../stores/selection-store.ts';
import { actOnEverything } from '../stores/bulk-actions.ts';

/** What the selection bar says it holds: after Ctrl/Cmd+A the core's count, "Counting…" until it comes. */
function sizeWords(size: number | null): string {
  return size === null ? 'Counting…' : `${size.toLocaleString()} selected`;
}

/**
 * What can be done to the whole selection at once: the picked images, or every image of the picked
 * generations (collapsed stacks with every member); shown over the filter chips while two or more
 * are picked, or everything the search matches (Ctrl/Cmd+A).
 */
export function SelectionBar() {
  const size = useSelectionStore(selectionSize);
  const everything = useSelectionStore((s) => s.everything !== null);
  const clear = useSelectionStore((s) => s.clear);
  const [tagging, setTagging] = useState(false);
  // while one collection is shown, the picked tiles can leave it
  const text = useGalleryStore((s) => s.query.text);
  const shown = useCollectionsStore((s) => s.collections.find((c) => collectionQuery(c.name) === text));
  const picked = () => [...useSelectionStore.getState().ids];
  const filing = (): FilingTarget => selectionTarget() ?? { images: [], generationIds: [] };
  const ids = useSelectionStore((s) => s.ids);
  const pickedImages = useSelectionStore((s) => s.images);
  const items = useGalleryStore((s) => s.items);
  // images picked in the detail view on generations no loaded tile shows count too
  const outside = useSelectionStore((s) => s.outside);
  // what a change touches, collapsed stacks with every member: said, rather than the heads alone
  const touches = pickedImages.size > 0 ? stackedImages([...items, ...outside.values()], pickedImages) : (stackedSelection(items, ids) ?? count(items.reduce((n, g) => n + (ids.has(g.id) ? g.images.length : 0), 0), 'image'));
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selection" data-testid="selection-bar">
      <span className="selection-count" data-testid="selection-count">
        {sizeWords(size)}
      </span>
      {/* what a change will touch: every image of each selected generation, or of every match */}
      <span className="selection-images muted" data-testid="selection-images">
        {everything ? 'all matches' : touches}
      </span>
      <span className="chip-divider" aria-hidden="true" />
      <button type="button" className="ghost-button" aria-label="Favorite selected" title="Favorite every image · F" onClick={() => void setFavorite(selectionAim(), true)}>
        <Heart size={13} aria-hidden="true" /> Favorite
      </button>
      <button type="button" className="ghost-button" aria-label="Unfavorite selected" onClick={() => void setFavorite(selectionAim(), false)}>
        <HeartOff size={13} aria-hidden="true" /> Unfavorite
      </button>
      <select
        className="ghost-select"
        aria-label="Rate selected"
        value=""
        onChange={(e) => {
          const value = e.target.value;
          if (value !== '') void rate(value === 'none' ? null : (Number(value) as Rating), selectionAim());
        }}
      >
        <option value="">Rate…</option>
        {[1, 2, 3, 4, 5].map((n) => (
          <option key={n} value={n}>
            {n === 1 ? '1 star' : `${n} stars`}
          </option>
        ))}
        <option value="none">No rating</option>
      </select>
      <button type="button" className="ghost-button" aria-label="Reject selected" title="Reject every image · X" onClick={() => void toggleReject(selectionAim())}>
        <ThumbsDown size={13} aria-hidden="true" /> Reject
      </button>
      <button type="button" className="ghost-button" title="Compare 2 to 4 side by side · C" onClick={() => void compareSelection()}>
        <Columns2 size={13} aria-hidden="true" /> Compare
      </button>
      <button type="button" className="ghost-button" title="Add to collection · B" onClick={() => {
          // spread before the picker opens, so it says how many images it will file
          void spreadFiling(filing()).then((target) => target && useCollectionsStore.getState().openPicker(target));
        }}>
        <FolderInput size={13} aria-hidden="true" /> Add to collection
      </button>
      {shown && (
        <button type="button" className="ghost-button" onClick={() => void useCollectionsStore.getState().takeOut(shown, filing())}>
          <FolderMinus size={13} aria-hidden="true" /> Remove from collection
        </button>
      )}
      {tagging ? (
        <TagInput autoFocus onEscape={() => setTagging(false)} onAdd={async (name) => {
          const everything = querySelection();
          // tags are on generations: picked images tag theirs
          const all = everything ? null : await withStackMembers(picked());
          const done = everything ? await actOnEverything(everything, { kind: 'tag', name }) : all !== null && (await addTag(all, name));
          if (done) setTagging(false);
          return done;
        }} />
      ) : (
        <button type="button" className="ghost-button" aria-label="Tag selected" onClick={() => setTagging(true)}>
          <Tag size={13} aria-hidden="true" /> Tag
        </button>
      )}
      <button type="button" className="ghost-button" onClick={() => void exportSelection()}>
        <Download size={13} aria-hidden="true" /> Export…
      </button>
      <button type="button" className="ghost-button danger" aria-label="Delete selected" title="Delete · Del" onClick={() => {
          void deleteSelected();
        }}>
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
  const size = useSelectionStore(selectionSize);
  const picksImages = useSelectionStore((s) => s.images.size > 0);
  return (
    <span className="visually-hidden" aria-live="polite">
      {size === null ? 'Counting…' : size > 0 ? `${count(size, picksImages ? 'image' : 'generation')} selected` : ''}
    </span>
  );
}
