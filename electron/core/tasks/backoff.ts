import type { GenerationRetry, RetryReason } from '../../../shared/generation.ts';

/**
 * Queued generations waiting out a backoff before they are sent again, each on its own timer
 * (one run's failures never lengthen another's wait). Those refused because the account was
 * busy also go as soon as one of its running tasks ends.
 */
export class Backoff {
  readonly #waiting = new Map<number, { reason: RetryReason; timer: NodeJS.Timeout }>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Holds `id` until `retry.nextAttemptAt`, then calls `due` with why it waited. */
  hold(id: number, retry: GenerationRetry, due: (reason: RetryReason) => void): void {
    clearTimeout(this.#waiting.get(id)?.timer);
    const timer = setTimeout(() => {
      this.#waiting.delete(id);
      due(retry.reason);
    }, Math.max(0, retry.nextAttemptAt - this.#now()));
    this.#waiting.set(id, { reason: retry.reason, timer });
  }

  /** A running task ended, so the account has a free slot: runs refused with 429 may go now. */
  releaseBusy(): void {
    for (const [id, { reason, timer }] of this.#waiting) {
      if (reason !== 'account_busy') continue;
      clearTimeout(timer);
      this.#waiting.delete(id);
    }
  }

  /** The generations still waiting. */
  ids(): number[] {
    return [...this.#waiting.keys()];
  }

  /** Stops every timer (the queue is closing; the library keeps why each one waits). */
  clear(): void {
    for (const { timer } of this.#waiting.values()) clearTimeout(timer);
    this.#waiting.clear();
  }
}
