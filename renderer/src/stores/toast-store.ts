import { create } from 'zustand';
import { UNDO_STEPS } from '../../../shared/input-limits.ts';
import { keptPrefs, savedBoolean } from '../lib/kept-prefs.ts';

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  /** How long it stays unless closed (or kept until closed by the artist's preference). */
  ms: number;
  action?: { label: string; run: () => void };
}

/**
 * How an undo ended: nothing (or `undone`) when it went through; `refused` when the core said no
 * but still keeps the step (a name taken since, a newer rename first, the library busy), so it goes
 * back on the stack to try again; `gone` when there is nothing left to take back.
 */
export type UndoEnd = 'undone' | 'refused' | 'gone';

/**
 * One change Ctrl/Cmd+Z can take back; `undoIds` are the core's steps it takes back (it survives a
 * restart): one, or one per part of a change sent in parts; none for a change the page alone undoes.
 */
export interface UndoEntry {
  (): Promise<void>;
  undoIds: readonly number[];
  /** Its place in time among the entries: a refused one goes back where it belongs, whatever came and went meanwhile. */
  order: number;
}

interface ToastState {
  toasts: Toast[];
  /** What Ctrl/Cmd+Z can take back, oldest first; the toast of each offers its own. */
  undos: UndoEntry[];
  /**
   * "Keep notices until closed" (Settings), kept in this browser profile: notices stay until the
   * artist closes them, for those who need longer to read (WCAG 2.2.1, timing adjustable).
   */
  untilClosed: boolean;
  setUntilClosed(on: boolean): void;
  show(message: string, options?: { tone?: Toast['tone']; action?: Toast['action']; ms?: number }): number;
  dismiss(id: number): void;
  /** Shows "<message> · Undo" and puts the undo on the stack Ctrl/Cmd+Z takes from; `undoId` names the core's step (or steps, for a change sent in parts). */
  offerUndo(message: string, undo: () => Promise<UndoEnd | void>, undoId?: number | readonly number[]): void;
  /**
   * Puts the core's kept steps the stack does not hold yet under it, oldest first (after a start or
   * a reload of the page, the history is the library's); `undoOf` makes each one's undo.
   */
  keepCoreUndos(undoIds: readonly number[], undoOf: (undoId: number) => () => Promise<UndoEnd | void>): void;
  /** Takes back the newest change still on the stack. */
  runUndo(): Promise<void>;
}

let nextId = 1;

/**
 * An undo that runs once, whether from its toast or the keyboard, and leaves the stack as it starts;
 * refused with its step still kept, it goes back to its place, so Ctrl/Cmd+Z reaches it again.
 */
function onceOnStack(undo: () => Promise<UndoEnd | void>, undoId: number | readonly number[] | undefined, order: number, before: () => void = () => undefined): UndoEntry {
  const undoIds = undoId === undefined ? [] : typeof undoId === 'number' ? [undoId] : [...undoId];
  const entry: UndoEntry = Object.assign(async () => {
    before();
    const { undos } = useToastStore.getState();
    if (!undos.includes(entry)) return;
    useToastStore.setState({ undos: undos.filter((u) => u !== entry) });
    running.add(entry);
    let end: UndoEnd | void;
    try {
      end = await undo();
    } finally {
      running.delete(entry);
    }
    if (end !== 'refused') return;
    useToastStore.setState((s) => (s.undos.includes(entry) ? s : { undos: inOrder(s.undos, entry).slice(-UNDO_STEPS) }));
  }, { undoIds, order });
  return entry;
}

/** Entries being undone now: off the stack, yet their steps are held (a start meanwhile must not add them again). */
const running = new Set<UndoEntry>();
/** Entries offered in this page are numbered up from here; steps the library kept from before sort below them, by their ids. */
let nextOrder = 1;
const keptOrder = (undoId: number) => undoId - Number.MAX_SAFE_INTEGER;

/** The stack with `entry` put back in its place in time. */
function inOrder(undos: readonly UndoEntry[], entry: UndoEntry): UndoEntry[] {
  const at = undos.findIndex((u) => u.order > entry.order);
  return at === -1 ? [...undos, entry] : [...undos.slice(0, at), entry, ...undos.slice(at)];
}

const kept = keptPrefs<Pick<ToastState, 'untilClosed'>>('atelier.notices', { untilClosed: false }, { untilClosed: savedBoolean });

export const useToastStore = create<ToastState>((set, get) => ({
  toasts: [],
  undos: [],
  ...kept.load(),
  setUntilClosed(untilClosed) {
    set({ untilClosed });
    kept.save(get());
    // Switched off: the notices on screen go as usual, each after its own time from now.
    if (!untilClosed) for (const toast of get().toasts) dismissLater(toast.id, toast.ms);
  },
  show(message, options = {}) {
    const id = nextId++;
    const tone = options.tone ?? 'info';
    const ms = options.ms ?? (tone === 'error' ? 8000 : 5000);
    const toast: Toast = { id, message, tone, ms, ...(options.action ? { action: options.action } : {}) };
    // Keep the screen calm: the same words are said once, at most three toasts at once, the oldest goes first.
    set((s) => ({ toasts: [...s.toasts.filter((t) => t.message !== message || t.action).slice(-2), toast] }));
    dismissLater(id, ms);
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  offerUndo(message, undo, undoId) {
    let toastId = 0;
    const run = onceOnStack(undo, undoId, nextOrder++, () => get().dismiss(toastId));
    set((s) => ({ undos: [...s.undos, run].slice(-UNDO_STEPS) }));
    toastId = get().show(message, { action: { label: 'Undo', run: () => void run() }, ms: 8000 });
  },
  keepCoreUndos(undoIds, undoOf) {
    const held = new Set([...get().undos, ...running].flatMap((u) => u.undoIds));
    const older = undoIds.filter((id) => !held.has(id)).map((id) => onceOnStack(undoOf(id), id, keptOrder(id)));
    if (older.length > 0) set((s) => ({ undos: [...older, ...s.undos].slice(-UNDO_STEPS) }));
  },
  async runUndo() {
    const undo = get().undos.at(-1);
    if (undo) await undo();
  },
}));

/** Closes a toast after `ms`, unless the artist keeps notices until closed by then (asked when the time is up). */
function dismissLater(id: number, ms: number): void {
  setTimeout(() => {
    if (!useToastStore.getState().untilClosed) useToastStore.getState().dismiss(id);
  }, ms);
}

/** Shorthand for the many places that only need to say something went wrong. */
export function toastError(message: string): void {
  useToastStore.getState().show(message, { tone: 'error' });
}
