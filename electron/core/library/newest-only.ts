/**
 * Runs jobs one at a time and, of those asked while one runs, keeps only the newest: each one it
 * passes over is answered with `replaced()`. For answers only the newest question matters to, as the
 * gallery's total: it is asked at each pause in typing, and at 1M a common word's count takes ~0.5 s,
 * so counts queued one behind another gave the total of the search on screen seconds late.
 */
export function newestOnly<I, O>(run: (input: I) => Promise<O>, replaced: () => Error): (input: I) => Promise<O> {
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
  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting?.reject(replaced());
      waiting = { input, resolve, reject };
      next();
    });
}
