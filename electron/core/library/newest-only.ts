/**
 * Runs jobs one at a time and, of those asked while one runs, keeps only the newest: each one it
 * passes over is answered with `replaced()`. For answers only the newest question matters to, as the
 * gallery's total: it is asked at each pause in typing, and at 1M a common word's count takes ~0.5 s,
 * so counts queued one behind another gave the total of the search on screen seconds late.
 * `stopRunning` tells the job under way that it is no longer wanted (a stoppable thread's stop), so
 * the newest need not wait for it.
 */
export function newestOnly<I, O>(run: (input: I) => Promise<O>, replaced: () => Error, stopRunning: () => void = () => {}): NewestOnly<I, O> {
  let running = false;
  let waiting: { input: I; resolve(value: O): void; reject(error: unknown): void } | null = null;
  const next = (): void => {
    if (running || waiting === null) return;
    const job = waiting;
    waiting = null;
    running = true;
    run(job.input)
      .then(job.resolve, job.reject)
      .finally(() => {
        running = false;
        next();
      });
  };
  const drop = () => {
    waiting?.reject(replaced());
    waiting = null;
    if (running) stopRunning();
  };
  return {
    ask: (input) =>
      new Promise<O>((resolve, reject) => {
        drop();
        waiting = { input, resolve, reject };
        next();
      }),
    drop,
  };
}

export interface NewestOnly<I, O> {
  /** The answer for `input`: it replaces the one waiting and stops the one under way. */
  ask(input: I): Promise<O>;
  /** No answer is wanted any more: the one waiting is answered as replaced, the one under way stopped. */
  drop(): void;
}
