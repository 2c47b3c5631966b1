/**
 * At most one thing per generation: a timer for its next step, or that step in progress. The
 * queue keeps one of these for polls and one for downloads, so neither can run twice at once
 * and neither is mistaken for the other.
 */
export class PerGeneration {
  readonly #entries = new Map<number, NodeJS.Timeout | 'working'>();

  /** Runs `step` for `id` after `delayMs`, replacing a timer set for it (a step in progress calls this to set the next). */
  after(id: number, delayMs: number, step: () => void): void {
    const current = this.#entries.get(id);
    if (current !== undefined && current !== 'working') clearTimeout(current);
    const timer = setTimeout(() => {
      this.#entries.set(id, 'working');
      step();
    }, delayMs);
    this.#entries.set(id, timer);
  }

  /** Runs `step` for `id` now, unless one is already in progress; cancels a timer set for it. */
  now(id: number, step: () => void): void {
    const current = this.#entries.get(id);
    if (current === 'working') return;
    clearTimeout(current);
    this.#entries.set(id, 'working');
    step();
  }

  /** Whether a step for `id` is in progress (not merely scheduled). */
  working(id: number): boolean {
    return this.#entries.get(id) === 'working';
  }

  ids(): number[] {
    return [...this.#entries.keys()];
  }

  /** Drops `id`, cancelling its timer. */
  forget(id: number): void {
    const current = this.#entries.get(id);
    if (current !== undefined && current !== 'working') clearTimeout(current);
    this.#entries.delete(id);
  }

  /** Cancels every timer (the queue is closing). */
  clear(): void {
    for (const id of this.ids()) this.forget(id);
  }
}
