import type { QueuePause } from '../../../shared/contract.ts';
import { unfinishedStatuses, type Generation, type GenerationRetry, type RetryReason } from '../../../shared/generation.ts';
import type { EventHub } from '../events.ts';
import type { Library } from '../library/database.ts';
import {
  getGeneration,
  getRequestBody,
  isInLibrary,
  listUnfinished,
  markDone,
  markFailed,
  markStatus,
  markSubmitted,
  markSubmitting,
  markUnknown,
  nextQueued,
  returnToQueue,
  setRequestBody,
  setRetry,
  statusOf,
  taskOwner,
} from '../library/generations.ts';
import { recordBalance, type BalanceSource } from '../library/stats.ts';
import { readWholeFile } from '../media/read-whole-file.ts';
import { toAbsolutePath } from '../media/layout.ts';
import type { RetryPolicy } from '../media/retry.ts';
import type { ReadyToSend } from '../reference/renew.ts';
import { apiFailureOf, retryReasonOf, type ApiFailure, type TaskApi } from './api.ts';
import { Backoff } from './backoff.ts';
import { PerGeneration } from './per-generation.ts';
import { makeGridWhenWhole } from '../grids.ts';
import { saveImages } from './save-images.ts';
import { NO_IMAGES_MESSAGE, readTaskAnswer, recordTaskEnd } from './task-answer.ts';
import { nextPollDelay, queueRetryDelay, type PollTiming } from './timing.ts';

/** A thumbnail larger than this (an unusual picture) is not pushed: the page fetches it as any other. */
const PUSHED_THUMBNAIL_MAX_BYTES = 96 * 1024;

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
  /** How long close() waits for createTask requests already on their way before cutting them off. */
  closeGraceMs?: number;
  /** Which API answers now (Kinovi when absent): a run sent to the Sandbox is simulated and costs nothing. */
  providerKind?: () => BalanceSource;
  /** Told after a run's credits are recorded, so running totals can be announced. */
  onCreditsChanged?: () => void;
  /**
   * Asked just before a run is sent: the body to send (a fresh reference upload may replace an
   * expired one; it is stored before it goes), or why the run cannot go. Throws when it could not tell.
   */
  beforeSend?: (generation: Generation, body: string) => Promise<ReadyToSend>;
}

/** A failure before sending that is worth trying again: the network or the server, not a refusal. */
function retryableBeforeSend(error: unknown): boolean {
  const { code, retryable } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; retryable?: unknown };
  if (typeof retryable === 'boolean') return retryable;
  return code === 'api_unreachable' || code === 'api_server_error' || code === 'api_timeout' || code === 'api_busy';
}

/** Long enough for Kinovi to answer a createTask in the usual case; short enough that quitting stays quick. */
const CLOSE_GRACE_MS = 5_000;

const UNKNOWN_CHOICE = 'It may have been charged. Retry to send it again, or dismiss it.';
const UNKNOWN_AFTER_CRASH = `Atelier stopped while sending this generation, so it cannot tell whether Kinovi received it. ${UNKNOWN_CHOICE}`;
const TASK_TAKEN = `Kinovi answered with a task that already belongs to another generation in the library, so Atelier cannot follow this one. ${UNKNOWN_CHOICE}`;
const BUG_WHILE_SENDING = `Atelier ran into a problem of its own while sending this generation (the log has the details). ${UNKNOWN_CHOICE}`;
const BUG = 'Atelier ran into a problem of its own with this generation (the log has the details). Retry to run it again.';

/**
 * Turns queued generations into finished ones: submits while slots are free, polls
 * running tasks, downloads their images. Every state change is written to the library
 * before it is announced, so a crash at any point resumes from the database; a
 * generation whose submission may have gone out is never resubmitted by the queue.
 * Whatever an answer or a bug does, a run ends in a final state and gives its slot back.
 */
export class TaskQueue {
  readonly #o: TaskQueueOptions;
  readonly #timing: PollTiming;
  readonly #now: () => number;
  /** Cuts off polls and downloads at once on close: both resume from the library next start. */
  readonly #stop = new AbortController();
  /** Cuts off createTask requests, only once close() has given them their grace period. */
  readonly #stopSending = new AbortController();
  /** Generations holding one of the account's slots: being sent, waiting or generating. */
  readonly #slots = new Set<number>();
  /** createTask requests on their way, so close() can wait for their answers. */
  readonly #sending = new Set<Promise<void>>();
  /** Sent generations being followed: their next recordInfo. */
  readonly #polls = new PerGeneration();
  /** Generations whose images are being saved, or will be tried again. */
  readonly #downloads = new PerGeneration();
  /** Queued generations waiting out a backoff before they are sent again. */
  readonly #backoff: Backoff;
  readonly #pending = new Set<Promise<void>>();
  #api: TaskApi;
  #configured: number;
  #learnedLimit: number | undefined;
  #paused: QueuePause | null = null;
  /** Set the moment close() is called: from then on nothing new starts. */
  #closing = false;
  #closed: Promise<void> | undefined;

  constructor(options: TaskQueueOptions) {
    this.#o = options;
    this.#api = options.api;
    this.#configured = options.concurrency;
    this.#timing = options.timing ?? { baseMs: 3_000 };
    this.#now = options.now ?? Date.now;
    this.#backoff = new Backoff(this.#now);
  }

  /** Resumes every unfinished generation found in the library, then starts submitting. */
  start(): void {
    for (const generation of listUnfinished(this.#o.db)) {
      const id = generation.id;
      if (generation.status === 'submitting') this.#save(markUnknown(this.#o.db, id, 'api_timeout', UNKNOWN_AFTER_CRASH, this.#now()));
      else if (generation.status === 'queued' && generation.retry) this.#hold(id, generation.retry);
      else if (generation.status === 'waiting' || generation.status === 'generating') {
        this.#slots.add(id);
        this.#schedulePoll(id, 0);
      } else if (generation.status === 'downloading') this.#download(id);
    }
    this.pump();
  }

  get concurrency(): number {
    return Math.max(1, Math.min(this.#configured, this.#learnedLimit ?? Infinity));
  }

  get paused(): QueuePause | null {
    return this.#paused;
  }

  /** Submits queued generations, oldest first, while slots are free; those waiting out a backoff wait. */
  /** Downloads a generation's waiting images now (the artist asked for one again); nothing if a pass is under way. */
  downloadAgain(id: number): void {
    this.#download(id);
  }

  pump(): void {
    if (this.#closing || this.#paused) return;
    const free = this.concurrency - this.#slots.size;
    if (free <= 0) return;
    // a run holding a slot may still be `queued` while beforeSend works (a reference uploaded again): never picked twice
    for (const id of nextQueued(this.#o.db, free, [...this.#backoff.ids(), ...this.#slots])) this.#submit(id);
  }

  /** Asks the API about one sent generation (or all of them) right now; one still being sent is left alone. */
  checkNow(id?: number): void {
    for (const polled of this.#polls.ids()) {
      if ((id === undefined || id === polled) && !this.#polls.working(polled)) this.#schedulePoll(polled, 0);
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

  /**
   * Stops every timer, poll and download at once, and gives createTask requests already on their
   * way a grace period to answer (so they are recorded, not left "outcome unknown"); what was in
   * flight resumes from the library next start.
   */
  close(): Promise<void> {
    this.#closing = true;
    this.#closed ??= this.#close();
    return this.#closed;
  }

  async #close(): Promise<void> {
    this.#stop.abort();
    this.#polls.clear();
    this.#downloads.clear();
    this.#backoff.clear();
    if (this.#sending.size > 0) {
      let grace: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => (grace = setTimeout(resolve, this.#o.closeGraceMs ?? CLOSE_GRACE_MS)));
      await Promise.race([Promise.allSettled([...this.#sending]), graceOver]);
      clearTimeout(grace);
    }
    this.#stopSending.abort();
    await Promise.allSettled([...this.#pending]);
  }

  #submit(id: number): void {
    this.#slots.add(id);
    const sending = this.#run(id, async () => {
      const db = this.#o.db;
      const body = await this.#readyBody(id);
      if (body === null) return;
      const generation = this.#save(markSubmitting(db, id, this.#now()));
      let taskId: string;
      try {
        ({ taskId } = await this.#api.createTask(body, this.#stopSending.signal));
      } catch (error) {
        if (this.#stopSending.signal.aborted) return; // stays `submitting`: the next start marks it unknown
        this.#slots.delete(id);
        this.#submitFailed(generation, apiFailureOf(error));
        return;
      }
      this.#sent(id, taskId);
    });
    this.#sending.add(sending);
    void sending.finally(() => this.#sending.delete(sending));
  }

  /**
   * The stored body, after `beforeSend` had its say (and its new body stored); null when the run
   * does not go now: refused (failed, in words), put back to retry, cancelled meanwhile, or closing.
   */
  async #readyBody(id: number): Promise<string | null> {
    const db = this.#o.db;
    const stored = getRequestBody(db, id);
    if (!this.#o.beforeSend) return stored;
    let ready: ReadyToSend;
    try {
      ready = await this.#o.beforeSend(getGeneration(db, id), stored);
    } catch (error) {
      if (this.#closing) return null;
      this.#slots.delete(id);
      // nothing reached createTask: a failure of the network or the server is tried again, any other ends the run
      this.#submitFailed(getGeneration(db, id), { ...apiFailureOf(error), submission: 'not_sent', retryable: retryableBeforeSend(error) });
      return null;
    }
    // the artist may have cancelled it while the reference was uploaded; closing leaves it queued for next time
    if (this.#closing || statusOf(db, id) !== 'queued') {
      this.#slots.delete(id);
      return null;
    }
    if (ready.kind === 'refuse') {
      this.#slots.delete(id);
      this.#save(markFailed(db, id, 'reference_expired', ready.message, this.#now()));
      this.pump();
      return null;
    }
    if (ready.body !== stored) setRequestBody(db, id, ready.body, this.#now());
    return ready.body;
  }

  /** Records the task createTask made; one that already belongs to another generation cannot be followed. */
  #sent(id: number, taskId: string): void {
    const db = this.#o.db;
    const owner = taskOwner(db, taskId);
    if (owner !== undefined && owner !== id) {
      this.#slots.delete(id);
      this.#save(markUnknown(db, id, 'api_unexpected_response', TASK_TAKEN, this.#now()));
      this.pump();
      return;
    }
    this.#save(markSubmitted(db, id, taskId, this.#now(), this.#providerKind()));
    this.#schedulePoll(id, nextPollDelay(0, this.#timing));
  }

  #submitFailed(generation: Generation, failure: ApiFailure): void {
    const db = this.#o.db;
    const id = generation.id;
    if (failure.code === 'api_busy') {
      const limit = Number(failure.details.limit);
      if (Number.isInteger(limit) && limit > 0) this.#learnedLimit = limit;
      // Waits for one of this account's running tasks to end (#end), or for its own backoff.
      this.#retryLater(generation, failure);
      this.#announceQueue();
      return;
    }
    if (failure.code === 'api_key_invalid' || failure.code === 'api_access_denied' || failure.code === 'api_insufficient_credits') {
      if (failure.code === 'api_insufficient_credits' && typeof failure.details.available === 'number') {
        recordBalance(db, failure.details.available, this.#providerKind(), this.#now());
      }
      this.#save(returnToQueue(db, id, null, this.#now()));
      this.#setPaused({ reason: failure.code, message: failure.message });
      return;
    }
    if (failure.submission === 'unknown') {
      this.#save(markUnknown(db, id, failure.code, `${failure.message} ${UNKNOWN_CHOICE}`, this.#now()));
      this.pump();
      return;
    }
    if (failure.retryable) {
      this.#retryLater(generation, failure);
      if (failure.code === 'api_unreachable') this.#setPaused({ reason: 'offline', message: failure.message }, false);
      return;
    }
    this.#save(markFailed(db, id, failure.code, failure.message, this.#now()));
    this.pump();
  }

  /** Puts a refused generation back in the queue with why and when it goes next, and holds it until then. */
  #retryLater(generation: Generation, failure: ApiFailure): void {
    const retry = this.#nextRetry(generation.retry, retryReasonOf(failure));
    this.#save(returnToQueue(this.#o.db, generation.id, retry, this.#now()));
    this.#hold(generation.id, retry);
  }

  /** One more problem in a row for a run: the next attempt is due after the backoff for that many. */
  #nextRetry(previous: GenerationRetry | null, reason: RetryReason): GenerationRetry {
    const attempt = (previous?.attempt ?? 0) + 1;
    // downloadWithRetry already tried a few times within each attempt: start further along the backoff.
    const failures = reason === 'download_failed' ? attempt + 3 : attempt;
    return { reason, attempt, nextAttemptAt: this.#now() + queueRetryDelay(failures, this.#timing) };
  }

  #hold(id: number, retry: GenerationRetry): void {
    if (this.#closing) return;
    this.#backoff.hold(id, retry, (reason) => {
      // Trying again is how the queue learns the network is back.
      if (reason === 'offline' && this.#paused?.reason === 'offline') this.#paused = null;
      this.pump();
    });
  }

  #providerKind(): BalanceSource {
    return this.#o.providerKind?.() ?? 'kinovi';
  }

  /** Asks about a sent generation after `delayMs`. */
  #schedulePoll(id: number, delayMs: number): void {
    if (this.#closing) return;
    this.#polls.after(id, delayMs, () => void this.#run(id, () => this.#poll(id)));
  }

  async #poll(id: number): Promise<void> {
    const db = this.#o.db;
    const generation = getGeneration(db, id);
    if (!generation.taskId || (generation.status !== 'waiting' && generation.status !== 'generating')) {
      this.#polls.forget(id);
      this.#slots.delete(id);
      this.pump();
      return;
    }
    let record;
    try {
      record = await this.#api.recordInfo(generation.taskId, this.#stop.signal);
    } catch (error) {
      if (this.#stop.signal.aborted) return;
      const failure = apiFailureOf(error);
      if (failure.code === 'api_task_not_found') {
        this.#end(id, () => markFailed(db, id, failure.code, failure.message, this.#now()));
        return;
      }
      // Keep the task: network loss, a server error or a bad key are all temporary for a sent task.
      if (failure.code === 'api_unreachable') this.#setPaused({ reason: 'offline', message: failure.message }, false);
      const retry = this.#nextRetry(generation.retry, retryReasonOf(failure));
      this.#save(setRetry(db, id, retry, this.#now()));
      this.#schedulePoll(id, retry.nextAttemptAt - this.#now());
      return;
    }
    if (this.#stop.signal.aborted) return;
    if (this.#paused?.reason === 'offline') this.resume();
    const answer = readTaskAnswer(record);
    if (answer.kind === 'running') {
      if (answer.status !== generation.status) this.#save(markStatus(db, id, answer.status, this.#now()));
      else if (generation.retry !== null) this.#save(setRetry(db, id, null, this.#now()));
      const runningMs = this.#now() - (generation.submittedAt ?? generation.createdAt);
      this.#schedulePoll(id, nextPollDelay(runningMs, this.#timing));
      return;
    }
    // the row says where the run was sent, whatever API answers now: simulated work is never charged
    const charged = generation.source === 'kinovi' ? record.creditsUsed : 0;
    this.#end(id, () => recordTaskEnd(db, id, answer, charged, this.#now()));
    if (answer.kind === 'finished') this.#download(id);
  }

  /** Records a terminal answer from the API, frees the slot and submits the next one. */
  #end(id: number, write: () => Generation): void {
    this.#polls.forget(id);
    this.#save(write());
    this.#o.onCreditsChanged?.();
    this.#slots.delete(id);
    this.#backoff.releaseBusy();
    this.pump();
  }

  #download(id: number): void {
    if (this.#closing) return;
    this.#downloads.now(id, () => void this.#run(id, () => this.#saveImages(id)));
  }

  async #saveImages(id: number): Promise<void> {
    const db = this.#o.db;
    const generation = getGeneration(db, id);
    if (generation.images.length === 0) {
      // Left by an older Atelier that took an empty "success": there is nothing to wait for.
      this.#downloads.forget(id);
      this.#save(markFailed(db, id, 'api_unexpected_response', NO_IMAGES_MESSAGE, this.#now()));
      return;
    }
    const outcome = await saveImages(db, this.#o.dataDir, generation, {
      apiBaseUrl: this.#api.baseUrl,
      signal: this.#stop.signal,
      now: () => this.#now(),
      onImageSaved: ({ thumbnail }) => {
        // the bytes first, so the page holds the picture when the push naming it arrives
        if (thumbnail) this.#sendThumbnail(thumbnail);
        this.#save(getGeneration(db, id));
      },
      ...(this.#o.downloadRetry ? { retry: this.#o.downloadRetry } : {}),
    });
    if (this.#stop.signal.aborted) return;
    if (outcome.complete) {
      this.#downloads.forget(id);
      this.#save(markDone(db, id, this.#now()));
      // Its grid after it is shown done: its tile draws the four thumbnails the page already holds
      // (pushed as they were saved), then the grid once decoded (GridCell). Made before, the grid's
      // ~50-130 ms of encoding held up every finished run's tile.
      if (generation.grid === null) void this.#run(id, () => this.#makeGrid(generation));
    } else if (outcome.failure) {
      // Every image has reached its end and not all were saved (expired, refused, not an image, too large).
      this.#downloads.forget(id);
      this.#save(markFailed(db, id, outcome.failure.code, outcome.failure.message, this.#now()));
    } else {
      const retry = this.#nextRetry(generation.retry, 'download_failed');
      this.#save(setRetry(db, id, retry, this.#now()));
      this.#downloads.after(id, retry.nextAttemptAt - this.#now(), () => void this.#run(id, () => this.#saveImages(id)));
    }
  }

  /**
   * A done run's grid thumbnail; one that cannot be made (or a run purged meanwhile) leaves the run
   * as it is, done. Announced unless the run went to the trash meanwhile: the gallery would place it again.
   */
  async #makeGrid(generation: Generation): Promise<void> {
    if (this.#closing) return;
    const db = this.#o.db;
    try {
      if ((await makeGridWhenWhole(db, this.#o.dataDir, generation)) && isInLibrary(db, generation.id)) this.#save(getGeneration(db, generation.id));
    } catch (error) {
      console.warn(`[atelier] queue: generation ${generation.id}'s grid thumbnail:`, error instanceof Error ? error.message : error);
    }
  }

  #setPaused(paused: QueuePause | null, announceSame = true): void {
    const same = this.#paused?.reason === paused?.reason;
    this.#paused = paused;
    if (!same || announceSame) this.#announceQueue();
  }

  #announceQueue(): void {
    this.#o.hub.emit('queue:changed', { paused: this.#paused, concurrency: this.concurrency });
  }

  /** Pushes a just-made thumbnail's bytes (read from the page cache, bounded); one that cannot be read is simply fetched by the page. */
  #sendThumbnail(thumbnail: string): void {
    const bytes = readWholeFile(toAbsolutePath(this.#o.dataDir, thumbnail), PUSHED_THUMBNAIL_MAX_BYTES);
    if (typeof bytes !== 'string') this.#o.hub.emit('thumbnail:saved', { path: thumbnail, base64: bytes.toString('base64') });
  }

  /** Announces a generation whose new state is already saved. */
  #save(generation: Generation): Generation {
    this.#o.hub.emit('generation:updated', generation);
    return generation;
  }

  /** Runs background work for one generation, kept for close(); whatever it throws ends that run, never the queue. */
  #run(id: number, work: () => Promise<void>): Promise<void> {
    const promise = work().catch((error: unknown) => {
      if (this.#closing) return;
      console.error(`[atelier] queue: generation ${id}:`, error);
      this.#abandon(id);
    });
    this.#pending.add(promise);
    void promise.finally(() => this.#pending.delete(promise));
    return promise;
  }

  /**
   * Ends a run that hit something unforeseen in a final state, so it never holds a slot or stays
   * unfinished for ever. If even that cannot be written, the queue stops pumping rather than retry it in a loop.
   */
  #abandon(id: number): void {
    this.#polls.forget(id);
    this.#downloads.forget(id);
    this.#slots.delete(id);
    try {
      const db = this.#o.db;
      const status = statusOf(db, id);
      if (status === 'submitting') this.#save(markUnknown(db, id, 'internal', BUG_WHILE_SENDING, this.#now()));
      else if (status !== undefined && unfinishedStatuses.includes(status)) this.#save(markFailed(db, id, 'internal', BUG, this.#now()));
      this.pump();
    } catch (error) {
      console.error(`[atelier] queue: could not record the end of generation ${id}:`, error);
    }
  }
}
