import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../../../shared/result.ts';
import { Failure } from '../failure.ts';
import { threadScript } from '../thread-script.ts';
import { StopCount } from './stoppable.ts';
import type { JobInput, JobKind, JobOutput, WorkerRequest, WorkerResponse, WorkerSetup } from './worker-jobs.ts';


interface Waiting {
  thread: Worker;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * A worker thread with its own connection to the library, for work that grows with the library
 * (searches, counts, checks, backups): the core's thread only waits for the answer, never for the
 * work. Jobs run one at a time in the order asked; the thread starts on the first job and again
 * after a crash, and lets the process exit while it has nothing to do.
 */
export class LibraryWorker {
  readonly #setup: WorkerSetup;
  readonly #name: string;
  #thread: Worker | undefined;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;

  readonly #stops: StopCount | undefined;

  /** `stoppable`: `stop()` stops the jobs asked before it part way (stoppable.ts; the job's SQL asks). */
  constructor(file: string, options: { name: string; writable?: boolean; background?: boolean; stoppable?: boolean }) {
    if (options.writable === true && options.background === true) throw new Error('a writer must not yield its cores: the core may wait on its lock');
    this.#stops = options.stoppable === true ? new StopCount() : undefined;
    this.#setup = { file, writable: options.writable ?? false, background: options.background ?? false, ...(this.#stops && { stops: this.#stops.buffer }) };
    this.#name = options.name;
  }

  /** Stops (a stoppable thread's) jobs asked until now: the one under way within milliseconds, the others at their start; each answers `conflict`. */
  stop(): void {
    if (this.#stops === undefined) throw new Error(`the library ${this.#name} thread is not stoppable`);
    this.#stops.raise();
  }

  /** Starts the thread now rather than on the first job, so that job does not wait for it to load. */
  start(): void {
    this.#thread ??= this.#start();
  }

  /** Runs one job on the thread; rejects with the job's own `Failure`, or `library_error` if the thread died. */
  run<K extends JobKind>(kind: K, input: JobInput<K>): Promise<JobOutput<K>> {
    const thread = this.#thread ?? this.#start();
    const id = this.#nextId++;
    return new Promise<JobOutput<K>>((resolve, reject) => {
      if (!this.#busy(thread)) thread.ref();
      this.#waiting.set(id, { thread, resolve: resolve as (value: unknown) => void, reject });
      thread.postMessage({ id, kind, input, ...(this.#stops && { stopsSeen: this.#stops.now }) } satisfies WorkerRequest);
    });
  }

  /** Lets every job asked so far finish, then closes the thread's connection and ends it. */
  async close(): Promise<void> {
    const thread = this.#thread;
    if (thread === undefined) return;
    this.#thread = undefined;
    const ended = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    thread.ref();
    thread.postMessage({ id: 0, kind: 'close' } satisfies WorkerRequest);
    await ended;
  }

  #start(): Worker {
    const thread = new Worker(threadScript(import.meta.dirname, 'worker-thread.ts', 'library-worker.js'), { workerData: this.#setup, name: `atelier-library-${this.#name}` });
    thread.unref();
    thread.on('message', (response: WorkerResponse) => this.#settle(thread, response));
    thread.on('error', (error) => {
      console.error(`[atelier] the library ${this.#name} thread failed:`, error);
      this.#failAll(thread, error);
    });
    thread.on('exit', () => this.#failAll(thread));
    this.#thread = thread;
    return thread;
  }

  #settle(thread: Worker, response: WorkerResponse): void {
    const waiting = this.#waiting.get(response.id);
    if (waiting === undefined) return;
    this.#waiting.delete(response.id);
    if (!this.#busy(thread)) thread.unref();
    if (response.ok) waiting.resolve(response.value);
    else if ('failure' in response) waiting.reject(new Failure(response.failure.code as ErrorCode, response.failure.message, response.failure.details));
    else {
      const error = new Error(`library ${this.#name} job failed: ${response.bug}`);
      // the SQLite or file-system code travels along, so a damaged file or a full disk is told as such
      waiting.reject(response.code === undefined ? error : Object.assign(error, { code: response.code }));
    }
  }

  #busy(thread: Worker): boolean {
    for (const waiting of this.#waiting.values()) if (waiting.thread === thread) return true;
    return false;
  }

  /**
   * A thread that died answers nothing more: its jobs fail in words, and the next job starts a new
   * thread. One that died of SQLite's or the file system's error (a schema damaged past opening, a
   * full disk) passes its code on, as a job's own error does, so damage is told as damage.
   */
  #failAll(thread: Worker, cause?: unknown): void {
    if (this.#thread === thread) this.#thread = undefined;
    const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
    for (const [id, waiting] of this.#waiting) {
      if (waiting.thread !== thread) continue;
      this.#waiting.delete(id);
      if (typeof code === 'string') waiting.reject(Object.assign(new Error(`library ${this.#name} thread failed: ${String((cause as Error).message)}`), { code }));
      else waiting.reject(new Failure('library_error', 'Atelier could not read its library just now; try again.'));
    }
  }
}
