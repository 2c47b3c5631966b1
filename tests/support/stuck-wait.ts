import { onTestFailed } from 'vitest';

/**
 * Says what a wait had seen when its test failed (usually: the test's own time limit ran out).
 * Waits in tests have no wall-clock timer of their own: on a loaded machine any short timer
 * fires before a correct program gets there, so only the test runner's hang guard ends a wait
 * that never comes, and this keeps its message useful. `settled` stops the report once the wait is over.
 */
export function explainIfStuck(what: string, seen: () => string): { settled(): void } {
  let waiting = true;
  try {
    onTestFailed(() => {
      if (waiting) console.error(`still waiting for ${what}; saw: ${seen()}`);
    });
  } catch {
    // outside a running test (a hook): the wait works the same, only without the report
  }
  return {
    settled() {
      waiting = false;
    },
  };
}

/** Options for `vi.waitFor` (its own default gives up after 1 s): poll often, give up only just short of the hang guard. */
export const UNTIL_IT_HAPPENS = { timeout: 280_000, interval: 10 } as const;
