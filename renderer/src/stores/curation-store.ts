import { create } from 'zustand';
import { keptPrefs, savedBoolean } from '../lib/kept-prefs.ts';

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

const kept = keptPrefs<Prefs>(
  'atelier.curation',
  { autoAdvance: false, hideRejected: true, stackReruns: true },
  { autoAdvance: savedBoolean, hideRejected: savedBoolean, stackReruns: savedBoolean },
);

export const useCurationStore = create<CurationPrefs>((set, get) => ({
  ...kept.load(),
  setAutoAdvance(autoAdvance) {
    set({ autoAdvance });
    kept.save(get());
  },
  setHideRejected(hideRejected) {
    set({ hideRejected });
    kept.save(get());
  },
  setStackReruns(stackReruns) {
    set({ stackReruns });
    kept.save(get());
  },
}));
