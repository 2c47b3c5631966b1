import { create } from 'zustand';

/** The artist's culling preferences, kept in this browser profile between sessions. */
interface CurationPrefs {
  /** After a rating or a reject, move on to the next image, as culling tools do. */
  autoAdvance: boolean;
  /** Leave out generations whose images are all rejected (and rejected single images); on by default. */
  hideRejected: boolean;
  /** "Stack reruns": one tile per stack of reruns (the newest), with a count; on by default. */
  stackReruns: boolean;
  setAutoAdvance(on: boolean): void;
  setHideRejected(on: boolean): void;
  setStackReruns(on: boolean): void;
}

type Prefs = Pick<CurationPrefs, 'autoAdvance' | 'hideRejected' | 'stackReruns'>;

const KEY = 'atelier.curation';

function load(): Prefs {
  const defaults = { autoAdvance: false, hideRejected: true, stackReruns: true };
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    if (typeof saved !== 'object' || saved === null) return defaults;
    const { autoAdvance, hideRejected, stackReruns } = saved as Record<string, unknown>;
    return {
      autoAdvance: typeof autoAdvance === 'boolean' ? autoAdvance : defaults.autoAdvance,
      hideRejected: typeof hideRejected === 'boolean' ? hideRejected : defaults.hideRejected,
      stackReruns: typeof stackReruns === 'boolean' ? stackReruns : defaults.stackReruns,
    };
  } catch {
    // no storage (or unreadable): the defaults
    return defaults;
  }
}

function save(prefs: Prefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // a preference that cannot be kept still holds for this session
  }
}

const prefsOf = ({ autoAdvance, hideRejected, stackReruns }: Prefs): Prefs => ({ autoAdvance, hideRejected, stackReruns });

export const useCurationStore = create<CurationPrefs>((set, get) => ({
  ...load(),
  setAutoAdvance(autoAdvance) {
    set({ autoAdvance });
    save({ ...prefsOf(get()), autoAdvance });
  },
  setHideRejected(hideRejected) {
    set({ hideRejected });
    save({ ...prefsOf(get()), hideRejected });
  },
  setStackReruns(stackReruns) {
    set({ stackReruns });
    save({ ...prefsOf(get()), stackReruns });
  },
}));
