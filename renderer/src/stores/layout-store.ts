import { create } from 'zustand';
import { keptPrefs, savedBoolean } from '../lib/kept-prefs.ts';
import { clampThumbnailSize, THUMBNAIL_SIZE } from '../lib/thumbnail-size.ts';

/** How the studio is laid out, kept in this browser profile between sessions. */
interface LayoutPrefs {
  /** The Generate panel on the left is shown (Ctrl/Cmd+B or the "Generate panel" button folds it). */
  panelOpen: boolean;
  /** The four-up tiles' row height in CSS pixels ("Thumbnail size"). */
  thumbnailSize: number;
  togglePanel(): void;
  setThumbnailSize(size: number): void;
}

type Saved = Pick<LayoutPrefs, 'panelOpen' | 'thumbnailSize'>;

const kept = keptPrefs<Saved>(
  'atelier.layout',
  { panelOpen: true, thumbnailSize: THUMBNAIL_SIZE.initial },
  { panelOpen: savedBoolean, thumbnailSize: (saved) => (saved === undefined ? undefined : clampThumbnailSize(saved)) },
);

export const useLayoutStore = create<LayoutPrefs>((set, get) => ({
  ...kept.load(),
  togglePanel() {
    set({ panelOpen: !get().panelOpen });
    kept.save(get());
  },
  setThumbnailSize(size) {
    set({ thumbnailSize: clampThumbnailSize(size) });
    kept.save(get());
  },
}));
