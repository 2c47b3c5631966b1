import { create } from 'zustand';
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

const KEY = 'atelier.layout';

function load(): Saved {
  const defaults = { panelOpen: true, thumbnailSize: THUMBNAIL_SIZE.initial };
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    if (typeof saved !== 'object' || saved === null) return defaults;
    const { panelOpen, thumbnailSize } = saved as Record<string, unknown>;
    return {
      panelOpen: typeof panelOpen === 'boolean' ? panelOpen : defaults.panelOpen,
      thumbnailSize: thumbnailSize === undefined ? defaults.thumbnailSize : clampThumbnailSize(thumbnailSize),
    };
  } catch {
    // no storage (or unreadable): the defaults
    return defaults;
  }
}

function save(prefs: Saved): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // a preference that cannot be kept still holds for this session
  }
}

export const useLayoutStore = create<LayoutPrefs>((set, get) => ({
  ...load(),
  togglePanel() {
    set({ panelOpen: !get().panelOpen });
    save({ panelOpen: get().panelOpen, thumbnailSize: get().thumbnailSize });
  },
  setThumbnailSize(size) {
    set({ thumbnailSize: clampThumbnailSize(size) });
    save({ panelOpen: get().panelOpen, thumbnailSize: get().thumbnailSize });
  },
}));
