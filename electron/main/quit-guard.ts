import { app, dialog, type BrowserWindow } from 'electron';
import type { Core } from '../core/app.ts';
import { planQuit, quitQuestion, type QuitPhase } from '../core/desktop/quit.ts';

// A stuck request must not keep the app from quitting; the library resumes whatever was left.
// Longer than the queue's grace for a createTask on its way (5 s), so that answer is still recorded.
const CLOSE_TIMEOUT_MS = 10_000;

export interface QuitWiring {
  core(): Core | undefined;
  window(): BrowserWindow | undefined;
  /** Called when the artist cancels a quit after the last window already closed. */
  reopen(): void;
}

/**
 * Holds every quit until the core has closed cleanly (queue stopped, database closed), asking once
 * first when generations are still on their way.
 */
export function guardQuit(wiring: QuitWiring): void {
  let phase: QuitPhase = 'running';
  let confirmed = false;
  let asking = false;

  // Electron turns these signals into app.quit(); nobody is at the window to answer a question
  // (Ctrl+C in a terminal, logout, a service manager), so quit without asking, still closing cleanly.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      confirmed = true;
      app.quit();
    });
  }

  app.on('before-quit', (event) => {
    const core = wiring.core();
    if (!core) return;
    const unfinished = phase === 'running' && !confirmed ? core.unfinishedCount() : 0;
    const step = planQuit({ phase, unfinished, confirmed });
    if (step.do === 'proceed') return;
    event.preventDefault();
    if (step.do === 'wait') return;

    if (step.do === 'ask') {
      if (asking) return;
      asking = true;
      const question = { type: 'question' as const, title: 'Quit Atelier?', noLink: true, ...quitQuestion(step.unfinished) };
      const parent = wiring.window();
      const answer = parent && !parent.isDestroyed() ? dialog.showMessageBox(parent, question) : dialog.showMessageBox(question);
      void answer.then(({ response }) => {
        asking = false;
        if (response === 0) {
          confirmed = true;
          app.quit();
        } else if (!wiring.window()) {
          wiring.reopen();
        }
      });
      return;
    }

    phase = 'closing';
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
    void Promise.race([core.close(), timeout])
      .catch((error: unknown) => console.error('[atelier] closing the library failed:', error))
      .finally(() => {
        phase = 'closed';
        app.quit();
      });
  });
}
