/**
 * Quitting while generations are on their way: ask once, then close the core cleanly before
 * the process exits. Electron's `before-quit` runs this decision on every quit attempt.
 */

/** Where the shell is in shutting down. */
export type QuitPhase = 'running' | 'closing' | 'closed';

export type QuitStep =
  /** Let Electron quit now (the core is already closed). */
  | { do: 'proceed' }
  /** Hold the quit and ask the artist first. */
  | { do: 'ask'; unfinished: number }
  /** Hold the quit, close the core, then quit again. */
  | { do: 'close-core' }
  /** A close is already under way: hold this quit attempt; the close will quit when done. */
  | { do: 'wait' };

/** What to do with one quit attempt. `confirmed` is true once the artist said "Quit anyway". */
export function planQuit(state: { phase: QuitPhase; unfinished: number; confirmed: boolean }): QuitStep {
  if (state.phase === 'closed') return { do: 'proceed' };
  if (state.phase === 'closing') return { do: 'wait' };
  if (state.unfinished > 0 && !state.confirmed) return { do: 'ask', unfinished: state.unfinished };
  return { do: 'close-core' };
}

/** The question, in the artist's words, with the button order the dialog uses (0 = quit). */
export function quitQuestion(unfinished: number): { message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number } {
  const message =
    unfinished === 1 ? '1 generation is still on its way. Quit anyway?' : `${unfinished} generations are still on their way. Quit anyway?`;
  return {
    message,
    detail: `${unfinished === 1 ? 'It' : 'They'} will continue the next time you open Atelier.`,
    buttons: ['Quit', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  };
}
