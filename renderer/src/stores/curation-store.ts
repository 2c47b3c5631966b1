import { create } from 'zustand';

/** The artist's culling preferences, kept in this browser profile between sessions. */
interface CurationPrefs {
  /** After a rating or a reject, move on to the next image, as culling tools do. */
  autoAdvance: boolean;
  /** Leave out generations whose images are all rejected (and rejected single images); on by default. */
  hideRejected: boolean;
  setAutoAdvance(on: boolean): void;
  setHideRejected(on: boolean): void;
}

const KEY = 'atelier.curation';

function load(): Pick<CurationPrefs, 'autoAdvance' | 'hideRejected'> {
  const defaults = { autoAdvance: false, hideRejected: true };
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    if (typeof saved !== 'object' || saved === null) return defaults;
    const { autoAdvance, hideRejected } = saved as Record<string, unknown>;
    return {
      autoAdvance: typeof autoAdvance === 'boolean' ? autoAdvance : defaults.autoAdvance,
      hideRejected: typeof hideRejected === 'boolean' ? hideRejected : defaults.hideRejected,
    };
  } catch {
    // no storage (or unreadable): the defaults
    return defaults;
  }
}

function save(prefs: Pick<CurationPrefs, 'autoAdvance' | 'hideRejected'>): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // a preference that cannot be kept still holds for this session
  }
}

export const useCurationStore = create<CurationPrefs>((set, get) => ({
  ...load(),
  setAutoAdvance(autoAdvance) {
    set({ autoAdvance });
    save({ autoAdvance, hideRejected: get().hideRejected });
  },
  setHideRejected(hideRejected) {
    set({ hideRejected });
    save({ autoAdvance: get().autoAdvance, hideRejected });
  },
}));
