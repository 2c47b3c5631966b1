/**
 * The code of a library worker thread (see worker.ts): opens its own connection to the library
 * file and answers jobs one at a time, in the order asked. Bundled as its own entry
 * (`out/main/library-worker.js`) for the desktop app; run from this file everywhere else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Failure } from '../failure.ts';
import { yieldToTheWindow } from '../thread-priority.ts';
import type { Library } from './database.ts';
import { defineStillWanted, StopCount, stopped } from './stoppable.ts';
import { workerJobs, type JobKind, type WorkerRequest, type WorkerResponse, type WorkerSetup } from './worker-jobs.ts';

const port = parentPort;
if (port === null) throw new Error('worker-thread.ts runs only as a worker thread');
const setup = workerData as WorkerSetup;
if (setup.background) yieldToTheWindow();

// A reader cannot write by mistake; WAL lets it read while the core writes.
const db = new Database(setup.file, { readonly: !setup.writable, fileMustExist: true });
db.pragma('busy_timeout = 5000');
if (setup.writable) db.pragma('synchronous = NORMAL');
// a stoppable thread's jobs: each knows the stop count it was asked at (stoppable.ts)
const stops = setup.stops === undefined ? null : new StopCount(setup.stops);
let stopsSeen = 0;
if (stops !== null) defineStillWanted(db, stops, () => stopsSeen);

async function answer(request: Exclude<WorkerRequest, { kind: 'close' }>): Promise<WorkerResponse> {
  try {
    if (stops !== null) {
      stopsSeen = request.stopsSeen ?? stops.now;
      // stopped before it began: a count waiting behind the one stopped
      if (stops.now !== stopsSeen) throw stopped();
    }
    // The request comes from the core, which typed and validated it (searches parsed by threads.ts).
    const job = workerJobs[request.kind as JobKind] as (db: Library, input: unknown) => unknown;
    return { id: request.id, ok: true, value: await job(db, request.input) };
  } catch (error) {
    if (error instanceof Failure) return { id: request.id, ok: false, failure: error.toAppError() };
    const code = (error as { code?: unknown } | null)?.code;
    const bug = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return typeof code === 'string' ? { id: request.id, ok: false, bug, code } : { id: request.id, ok: false, bug };
  }
}

let queue = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    if (request.kind === 'close') {
      db.close();
      port.close();
      return;
    }
    port.postMessage(await answer(request));
  });
});
