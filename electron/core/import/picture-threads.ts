// sharp must be loaded by the main thread before a worker thread loads it (sharp's own rule for
// worker threads: its native library is then never unloaded under a thread still using it)
import 'sharp';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { threadScript } from '../thread-script.ts';
import type { CopiedPicture } from './import-rows.ts';
import { UnreadablePicture, type ReadPicture } from './read-picture.ts';

/** A picture to read: `source` is copied into `dataDir`'s temp folder and checked (read-picture.ts). */
export interface PictureRequest {
  id: number;
  dataDir: string;
  source: string;
}

export type PictureResponse =
  | { id: number; ok: true; value: { copied: CopiedPicture; head: Uint8Array; modifiedAt: number } }
  /** Why the picture is not imported, in the artist's words. */
  | { id: number; ok: false; unreadable: string }
  | { id: number; ok: false; bug: string };


/** One thread per core beyond the core's own (sharp's decoding runs on its own threads besides), at least one, at most four. */
export const PICTURE_THREADS = Math.max(1, Math.min(4, availableParallelism() - 1));

interface Thread {
  worker: Worker;
  exited: boolean;
  waiting: Map<number, { resolve(read: ReadPicture): void; reject(error: Error): void }>;
}

/**
 * The threads an import reads its pictures on, each reading several at once: the core's thread
 * only waits for the answers. Started on the first picture; `close` ends them once idle (a crashed
 * thread fails its pictures as unreadable and is replaced on the next one).
 */
export class PictureThreads {
  readonly #size: number;
  readonly #threads: Thread[] = [];
  #nextId = 1;

  constructor(size: number = PICTURE_THREADS) {
    this.#size = Math.max(1, size);
  }

  /** Reads one picture on the least busy thread; rejects with `UnreadablePicture` and its reason, or an Error for a bug. */
  read(dataDir: string, source: string): Promise<ReadPicture> {
    const thread = this.#threads.length < this.#size ? this.#start() : this.#threads.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
    const id = this.#nextId++;
    return new Promise<ReadPicture>((resolve, reject) => {
      if (thread.waiting.size === 0) thread.worker.ref();
      thread.waiting.set(id, { resolve, reject });
      thread.worker.postMessage({ id, dataDir, source } satisfies PictureRequest);
    });
  }

  /** Ends every thread (call once no read is waiting). */
  async close(): Promise<void> {
    const threads = this.#threads.splice(0);
    await Promise.all(
      threads.map(async ({ worker, exited }) => {
        if (exited) return;
        const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.ref();
        worker.postMessage({ id: 0, close: true });
        await ended;
      }),
    );
  }

  #start(): Thread {
    const worker = new Worker(threadScript(import.meta.dirname, 'picture-thread.ts', 'picture-worker.js'), { name: 'atelier-import-pictures' });
    worker.unref();
    const thread: Thread = { worker, exited: false, waiting: new Map() };
    this.#threads.push(thread);
    worker.on('message', (response: PictureResponse) => {
      const waiting = thread.waiting.get(response.id);
      if (waiting === undefined) return;
      thread.waiting.delete(response.id);
      if (thread.waiting.size === 0) worker.unref();
      if (response.ok) {
        const { copied, head, modifiedAt } = response.value;
        waiting.resolve({ copied, head: Buffer.from(head.buffer, head.byteOffset, head.byteLength), modifiedAt });
      } else if ('unreadable' in response) waiting.reject(new UnreadablePicture(response.unreadable));
      else waiting.reject(new Error(`reading a picture failed: ${response.bug}`));
    });
    const failAll = (error: Error) => {
      const index = this.#threads.indexOf(thread);
      if (index >= 0) this.#threads.splice(index, 1);
      for (const waiting of thread.waiting.values()) waiting.reject(error);
      thread.waiting.clear();
    };
    worker.on('error', (error) => {
      console.error('[atelier] an import picture thread failed:', error);
      failAll(error);
    });
    worker.on('exit', () => {
      thread.exited = true;
      failAll(new Error('the picture thread ended'));
    });
    return thread;
  }
}
