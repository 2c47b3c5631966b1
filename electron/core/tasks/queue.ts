import type { QueuePause } from '../../../shared/contract.ts';
import type { Generation } from '../../../shared/generation.ts';
import type { EventHub } from '../events.ts';
import type { Library } from '../library/database.ts';
import {
  getGeneration,
  getRequestBody,
  listUnfinished,
  markDone,
  markFailed,
  markStatus,
  markSubmitted,
  markSubmitting,
  markUnknown,
  nextQueued,
  returnToQueue,
  setCredits,
} from '../library/generations.ts';
import { createImages } from '../library/images.ts';
import { recordBalance } from '../library/stats.ts';
import type { RetryPolicy } from '../media/retry.ts';
import { apiFailureOf, type ApiFailure, type TaskApi } from './api.ts';
import { saveImages } from './save-images.ts';
import { nextPollDelay, retryDelay, type PollTiming } from './timing.ts';

export interface TaskQueueOptions {
  db: Library;
  dataDir: string;
  api: TaskApi;
  hub: EventHub;
  /** How many generations may run on the API at once (the account's limit wins once a 429 tells it). */
  concurrency: number;
  timing?: PollTiming;
  downloadRetry?: RetryPolicy;
  now?: () => number;
  /** False while the Sandbox answers: its runs are simulated and cost nothing, whatever it reports. */
  chargesCredits?: () => boolean;
  /** Told after a run's credits are recorded, so running totals can be announced. */
  onCreditsChanged?: () => void;
}

const UNKNOWN_CHOICE = 'It may have been charged. Retry to send it again, or dismiss it.';
const UNKNOWN_AFTER_CRASH = `Atelier stopped while sending this generation, so it cannot tell whether Kinovi received it. ${UNKNOWN_CHOICE}`;

/**
 * Turns queued generations into finished ones: submits while slots are free, polls
 * running tasks, downloads their images. Every state change is written to the library
 * before it is announced, so a crash at any point resumes from the database; a
 * generation whose submission may have gone out is never resubmitted by the queue.
 */
export class TaskQueue {
  readonly #o: TaskQueueOptions;
  readonly #timing: PollTiming;
  readonly #now: () => number;
  readonly #stop = new AbortController();
  /** Generations in submitting/waiting/generating: they hold an API slot. */
  readonly #running = new Set<number>();
  readonly #downloading = new Set<number>();
  readonly #timers = new Map<number, NodeJS.Timeout>();
  readonly #networkFailures = new Map<number, number>();
  readonly #pending = new Set<Promise<unknown>>();
  #api: TaskApi;
  #configured: number;
  #learnedLimit: number | undefined;
  #paused: QueuePause | null = null;
  #pumpTimer: NodeJS.Timeout | undefined;
  #submitFailures = 0;

  constructor(options: TaskQueueOptions) {
    this.#o = options;
    this.#api = options.api;
    this.#configured = options.concurrency;
    this.#timing = options.timing ?? { baseMs: 3_000 };
    this.#now = options.now ?? Date.now;
  }

  /** Resumes every unfinished generation found in the library, then starts submitting. */
  start(): void {
    for (const generation of listUnfinished(this.#o.db)) {
      if (generation.status === 'submitting') this.#save(markUnknown(this.#o.db, generation.id, 'api_timeout', UNKNOWN_AFTER_CRASH));
      else if (generation.status === 'waiting' || generation.status === 'generating') this.#track(generation.id, 0);
      else if (generation.status === 'downloading') this.#download(generation.id);
    }
    this.pump();
  }

  get concurrency(): number {
    return Math.max(1, Math.min(this.#configured, this.#learnedLimit ?? Infinity));
  }

  get paused(): QueuePause | null {
    return this.#paused;
  }

  /** Submits queued generations, oldest first, while slots are free and nothing pauses the queue. */
  pump(): void {
    if (this.#stop.signal.aborted || this.#paused) return;
    const free = this.concurrency - this.#running.size;
    if (free > 0) for (const id of nextQueued(this.#o.db, free)) this.#submit(id);
  }

  /** Asks the API about one running generation (or all of them) right now. */
  checkNow(id?: number): void {
    for (const running of [...this.#running]) {
      if (id === undefined || id === running) this.#track(running, 0);
    }
  }

  /** Lifts a pause (a key fixed, credits bought, the network back) and submits again. */
  resume(): void {
    this.#setPaused(null);
    this.pump();
  }

  /** Uses a different API from now on (e.g. a key was added: Sandbox → Kinovi). */
  setApi(api: TaskApi): void {
    this.#api = api;
  }

  setConcurrency(concurrency: number): void {
    this.#configured = concurrency;
    this.#learnedLimit = undefined;
    this.#announceQueue();
    this.pump();
  }

  /** Stops every timer and request; what was in flight resumes from the library next start. */
  async close(): Promise<void> {
    this.#stop.abort();
    clearTimeout(this.#pumpTimer);
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#pending]);
  }

  #submit(id: number): void {
    const body = getRequestBody(this.#o.db, id);
    this.#save(markSubmitting(this.#o.db, id));
    this.#running.add(id);
    this.#run(async () => {
      let taskId: string;
      try {
        ({ taskId } = await this.#api.createTask(body, this.#stop.signal));
      } catch (error) {
        if (this.#stop.signal.aborted) return; // stays `submitting`: the next start marks it unknown
        this.#running.delete(id);
        this.#submitFailed(id, apiFailureOf(error));
        return;
      }
      if (this.#stop.signal.aborted) return;
      this.#submitFailures = 0;
      this.#save(markSubmitted(this.#o.db, id, taskId, this.#now()));
      this.#track(id, nextPollDelay(0, this.#timing));
    });
  }

  #submitFailed(id: number, failure: ApiFailure): void {
    const db = this.#o.db;
    if (failure.code === 'api_busy') {
      const limit = Number(failure.details.limit);
      if (Number.isInteger(limit) && limit > 0) this.#learnedLimit = limit;
      this.#save(returnToQueue(db, id, null));
      this.#announceQueue();
      // Usually a running task ending frees the slot; if the account is busy elsewhere, try again later.
      this.#schedulePump(retryDelay(++this.#submitFailures, this.#timing));
      return;
    }
    if (failure.code === 'api_key_invalid' || failure.code === 'api_access_denied' || failure.code === 'api_insufficient_credits') {
      if (failure.code === 'api_insufficient_credits' && typeof failure.details.available === 'number') {
        recordBalance(db, failure.details.available, this.#now());
      }
      this.#save(returnToQueue(db, id, null));
      this.#setPaused({ reason: failure.code, message: failure.message });
      return;
    }
    if (failure.submission === 'unknown') {
      this.#save(markUnknown(db, id, failure.code, `${failure.message} ${UNKNOWN_CHOICE}`));
      this.pump();
      return;
    }
    if (failure.retryable) {
      this.#save(returnToQueue(db, id, null));
      if (failure.code === 'api_unreachable') this.#setPaused({ reason: 'offline', message: failure.message }, false);
      this.#schedulePump(retryDelay(++this.#submitFailures, this.#timing), failure.code === 'api_unreachable');
      return;
    }
    this.#save(markFailed(db, id, failure.code, failure.message));
    this.pump();
  }

  /** Polls a sent generation after `delayMs`. */
  #track(id: number, delayMs: number): void {
    this.#running.add(id);
    clearTimeout(this.#timers.get(id));
    this.#timers.set(
      id,
      setTimeout(() => {
        this.#timers.delete(id);
        this.#run(() => this.#poll(id));
      }, delayMs),
    );
  }

  async #poll(id: number): Promise<void> {
    const db = this.#o.db;
    const generation = getGeneration(db, id);
    if (!generation.taskId || (generation.status !== 'waiting' && generation.status !== 'generating')) {
      this.#running.delete(id);
      return;
    }
    let record;
    try {
      record = await this.#api.recordInfo(generation.taskId, this.#stop.signal);
    } catch (error) {
      if (this.#stop.signal.aborted) return;
      const failure = apiFailureOf(error);
      if (failure.code === 'api_task_not_found') {
        this.#finish(id, () => markFailed(db, id, failure.code, failure.message));
        return;
      }
      // Keep the task: network loss, a server error or a bad key are all temporary for a sent task.
      const failures = (this.#networkFailures.get(id) ?? 0) + 1;
      this.#networkFailures.set(id, failures);
      if (failure.code === 'api_unreachable') this.#setPaused({ reason: 'offline', message: failure.message }, false);
      this.#track(id, retryDelay(failures, this.#timing));
      return;
    }
    if (this.#stop.signal.aborted) return;
    this.#networkFailures.delete(id);
    if (this.#paused?.reason === 'offline') this.resume();
    const runningMs = this.#now() - (generation.submittedAt ?? generation.createdAt);
    if (record.status === 'waiting' || record.status === 'generating') {
      if (record.status !== generation.status) this.#save(markStatus(db, id, record.status));
      this.#track(id, nextPollDelay(runningMs, this.#timing));
      return;
    }
    if (record.status === 'fail') {
      const message = record.error?.message ?? 'The generation failed.';
      // Kinovi refunds failed runs although creditsUsed may still show the reserved amount.
      this.#finish(id, () =>
        db.transaction(() => {
          setCredits(db, id, 0);
          return markFailed(db, id, record.error?.code ?? 'generation_failed', message);
        })(),
      );
      return;
    }
    this.#finish(id, () =>
      db.transaction(() => {
        setCredits(db, id, (this.#o.chargesCredits?.() ?? true) ? record.creditsUsed : 0);
        createImages(db, id, record.images.map((image) => ({ remoteUrl: image.url, width: image.width, height: image.height })));
        return markStatus(db, id, 'downloading');
      })(),
    );
    this.#download(id);
  }

  /** Records a terminal answer from the API, frees the slot and submits the next one. */
  #finish(id: number, write: () => Generation): void {
    this.#save(write());
    this.#o.onCreditsChanged?.();
    this.#running.delete(id);
    this.pump();
  }

  #download(id: number): void {
    if (this.#downloading.has(id)) return;
    this.#downloading.add(id);
    this.#run(async () => {
      try {
        const generation = getGeneration(this.#o.db, id);
        const outcome = await saveImages(this.#o.db, this.#o.dataDir, generation, {
          signal: this.#stop.signal,
          ...(this.#o.downloadRetry ? { retry: this.#o.downloadRetry } : {}),
        });
        if (this.#stop.signal.aborted) return;
        if (outcome.complete) this.#save(markDone(this.#o.db, id));
        else if (outcome.expired > 0 && outcome.failed === 0) {
          this.#save(markFailed(this.#o.db, id, 'images_expired', 'Some images were no longer available to download (Kinovi keeps them about 14 days).'));
        } else {
          this.#save(getGeneration(this.#o.db, id));
          this.#retryDownloadLater(id);
        }
      } finally {
        this.#downloading.delete(id);
      }
    });
  }

  #retryDownloadLater(id: number): void {
    const failures = (this.#networkFailures.get(-id) ?? 0) + 1;
    this.#networkFailures.set(-id, failures);
    clearTimeout(this.#timers.get(-id));
    this.#timers.set(-id, setTimeout(() => this.#download(id), retryDelay(failures + 3, this.#timing)));
  }

  #schedulePump(delayMs: number, resumeOffline = false): void {
    clearTimeout(this.#pumpTimer);
    this.#pumpTimer = setTimeout(() => {
      if (resumeOffline && this.#paused?.reason === 'offline') this.#paused = null;
      this.pump();
    }, delayMs);
  }

  #setPaused(paused: QueuePause | null, announceSame = true): void {
    const same = this.#paused?.reason === paused?.reason;
    this.#paused = paused;
    if (!same || announceSame) this.#announceQueue();
  }

  #announceQueue(): void {
    this.#o.hub.emit('queue:changed', { paused: this.#paused, concurrency: this.concurrency });
  }

  /** Announces a generation whose new state is already saved. */
  #save(generation: Generation): Generation {
    this.#o.hub.emit('generation:updated', generation);
    return generation;
  }

  /** Runs background work, keeping track of it for close(); a bug is logged, never thrown into a timer. */
  #run(work: () => Promise<void>): void {
    const promise = work().catch((error: unknown) => {
      if (!this.#stop.signal.aborted) console.error('[atelier] queue:', error);
    });
    this.#pending.add(promise);
    void promise.finally(() => this.#pending.delete(promise));
  }
}
