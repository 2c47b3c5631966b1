import { Worker } from 'node:worker_threads';
import { threadScript } from '../thread-script.ts';
import { answerMediaRequest } from './media-answer.ts';
import type { MediaContentType } from './media-path.ts';

/**
 * Files up to this size come back whole from the media thread: every thumbnail (≤ 96 KB) and grid
 * picture (~100 KB), the pictures a scrolled grid asks for by the hundred. A larger one (an
 * original, a few MB) is streamed from its file on libuv's threadpool, as before: one thread reading
 * originals whole, one after another, would hold every thumbnail behind them, read ones the viewer
 * has already paged past, and hold each whole in memory for a slow client.
 */
export const WHOLE_FILE_MAX_BYTES = 1024 * 1024;

export interface MediaRequest {
  id: number;
  libraryDir: string;
  /** Still percent-encoded, as it came after the media prefix. */
  encodedPath: string;
  wholeMaxBytes: number;
}

export type MediaAnswer =
  | { id: number; status: 200; contentType: MediaContentType; bytes: Uint8Array }
  /** Passed the gate but larger than `wholeMaxBytes`: the file to stream. */
  | { id: number; status: 200; contentType: MediaContentType; file: string }
  | { id: number; status: 400 | 403 | 404 | 500; reason: string };

/** Distributes `Omit` over the union, so each answer keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type MediaRead = WithoutId<MediaAnswer>;

interface Thread {
  worker: Worker;
  /** Whether the thread runs: until then the core answers requests itself. */
  online: boolean;
  waiting: Map<number, (read: MediaRead) => void>;
}

/**
 * The media thread, from the core's side: every picture the window shows passes the media gate
 * and is read there, so the core's thread only hands a request over and the bytes on. Read on the
 * core with libuv's threadpool, a thumbnail took ~9 round trips (two real paths, a stat, open,
 * fstat, three reads, close), each waking a pool thread and then the core: at 1M, scrolling the
 * grid, the core's thread was busy twice as long as with the bytes handed over whole (bench:ui,
 * CPU profile), and each wake was a chance to lose its core to the window.
 *
 * One thread, started on the first request and unreferenced while idle (it never keeps the app
 * open); a thread that fails answers its waiting requests with 500 and is replaced on the next one.
 */
export class MediaReader {
  readonly #wholeMaxBytes: number;
  #thread: Thread | null = null;
  #nextId = 1;

  constructor(wholeMaxBytes: number = WHOLE_FILE_MAX_BYTES) {
    this.#wholeMaxBytes = wholeMaxBytes;
  }

  /**
   * The gate's verdict on an encoded media path and, if it passes, the file's bytes (or, past the
   * size limit, its real path). While the thread starts (~0.1 s, at the window's first pictures) the
   * core answers on its own thread, as the thread would: those pictures wait for nothing, and a
   * thread started ahead of them (at launch) held up the first page instead (bench:ui: ready
   * 0.63-0.67 → 0.80-0.98 s). From the page cache a thumbnail is tens of microseconds.
   */
  read(libraryDir: string, encodedPath: string): Promise<MediaRead> {
    const { worker, online, waiting } = this.#thread ?? this.#start();
    if (!online) return Promise.resolve(answerMediaRequest(libraryDir, encodedPath, this.#wholeMaxBytes));
    const id = this.#nextId++;
    return new Promise<MediaRead>((resolve) => {
      if (waiting.size === 0) worker.ref();
      waiting.set(id, resolve);
      worker.postMessage({ id, libraryDir, encodedPath, wholeMaxBytes: this.#wholeMaxBytes } satisfies MediaRequest);
    });
  }

  /** Whether requests now go to the media thread (it has started), rather than being answered on the calling thread. */
  get threadRunning(): boolean {
    return this.#thread?.online === true;
  }

  /** Ends the thread once the requests it holds are answered. */
  async close(): Promise<void> {
    const thread = this.#thread;
    if (thread === null) return;
    this.#thread = null;
    const ended = new Promise<void>((resolve) => thread.worker.once('exit', () => resolve()));
    thread.worker.ref();
    thread.worker.postMessage({ id: 0, close: true });
    await ended;
  }

  #start(): Thread {
    const worker = new Worker(threadScript(import.meta.dirname, 'media-thread.ts', 'media-worker.js'), { name: 'atelier-media' });
    const thread: Thread = { worker, online: false, waiting: new Map() };
    worker.once('online', () => (thread.online = true));
    this.#thread = thread;
    worker.on('message', ({ id, ...read }: MediaAnswer) => {
      const resolve = thread.waiting.get(id);
      if (resolve === undefined) return;
      thread.waiting.delete(id);
      if (thread.waiting.size === 0) worker.unref();
      resolve(read);
    });
    const failAll = () => {
      if (this.#thread === thread) this.#thread = null;
      for (const resolve of thread.waiting.values()) resolve({ status: 500, reason: 'could not be read' });
      thread.waiting.clear();
    };
    worker.on('error', (error) => {
      console.error('[atelier] the media thread failed:', error);
      failAll();
    });
    worker.on('exit', failAll);
    // after the listeners: adding a 'message' listener refers the thread's port again
    worker.unref();
    return thread;
  }
}
