import { Columns2, Download, Heart, HeartOff, Trash2, X } from 'lucide-react';
import { count } from '../lib/format.ts';
import { deleteGenerations, selectedGenerations, setFavorite } from '../stores/library-actions.ts';
import { compareSelection } from '../stores/compare-store.ts';
import { useExportStore } from '../stores/export-store.ts';
import { useSelectionStore } from '../stores/selection-store.ts';

/** What can be done to every selected generation at once; shown over the filter chips while two or more are selected. */
export function SelectionBar() {
  const size = useSelectionStore((s) => s.ids.size);
  const clear = useSelectionStore((s) => s.clear);
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
