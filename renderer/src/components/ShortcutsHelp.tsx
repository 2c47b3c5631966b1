import { X } from 'lucide-react';
import { useUiStore } from '../stores/ui-store.ts';
import { Modal } from './Modal.tsx';

export const shortcuts: [keys: string[], what: string][] = [
  [['←', '→', '↑', '↓'], 'Move through the gallery; in the detail view ←/→ images, ↑/↓ generations'],
  [['Enter'], 'Open the selected generation'],
  [['Ctrl/Cmd', 'Click'], 'Add to the selection, or take out'],
  [['Shift', 'Click'], 'Select from the current generation to this one'],
  [['Shift', '←', '→', '↑', '↓'], 'Grow the selection from where it started'],
  [['Ctrl/Cmd', 'A'], 'Select every generation loaded in the gallery'],
  [['Esc'], 'Leave, in order: full screen, zoom, compare, the detail view, the selection'],
  [['+', '−'], 'Zoom in and out (detail view and compare; also the wheel or a pinch)'],
  [['Z'], 'Toggle fit and actual size (or double-click the image)'],
  [['←', '→', '↑', '↓'], 'While zoomed: pan (or drag)'],
  [['Shift', 'F'], 'Full screen'],
  [['C'], 'Compare the 2 to 4 selected; in the detail view, compare with the parent'],
  [['Tab'], 'In compare: the next image (keys act on it)'],
  [['F'], 'Favorite / unfavorite the image (a four-up tile or the selection: all their images)'],
  [['1', '–', '5'], 'Rate the image 1 to 5 stars (a four-up tile or the selection: all their images)'],
  [['0'], 'Clear the rating'],
  [['X'], 'Reject the image, or keep it again'],
  [['Delete'], 'Delete the image (a four-up tile or the selection: whole generations); Backspace too'],
  [['Ctrl/Cmd', 'Z'], 'Undo the last change (favorite, rating, reject, delete, collection, tag), up to 100 steps back'],
  [['B'], 'Add to a collection (the open image, the selection, or the current tile)'],
  [['R'], 'Rerun with the same seed'],
  [['/'], 'Search'],
  [['Ctrl/Cmd', 'Enter'], 'Generate'],
  [['Ctrl/Cmd', 'B'], 'Show or hide the Generate panel (also while typing)'],
  [['Ctrl/Cmd', 'J'], 'Show or hide the queue: counts, and pauses with their actions'],
  [['?'], 'This list'],
];

export function ShortcutsHelp() {
  const close = useUiStore((s) => s.close);
  return (
    <Modal label="Keyboard shortcuts" className="help" onClose={close}>
      <header className="dialog-head">
        <h2>Keyboard shortcuts</h2>
        <button type="button" className="icon-button" aria-label="Close shortcuts" data-autofocus onClick={close}>
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      <dl className="shortcut-list">
        {shortcuts.map(([keys, what]) => (
          <div key={what} className="shortcut">
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">Shortcuts wait while you type in a field, except Ctrl/Cmd+Enter, Ctrl/Cmd+B and Esc.</p>
    </Modal>
  );
}
