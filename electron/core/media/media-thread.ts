/**
 * The code of the media thread (media-reader.ts): answers each media request — the gate
 * (media-path.ts), then the whole file — with this thread's own blocking calls, one request after
 * another, and hands the bytes over without copying them. Bundled as its own entry
 * (`out/main/media-worker.js`) for the desktop app; run from this file elsewhere.
 */
import { parentPort } from 'node:worker_threads';
import { answerMediaRequest } from './media-answer.ts';
import type { MediaAnswer, MediaRequest } from './media-reader.ts';

const port = parentPort;
if (port === null) throw new Error('media-thread.ts runs only as a worker thread');

function answer({ id, libraryDir, encodedPath, wholeMaxBytes }: MediaRequest): MediaAnswer {
  return { id, ...answerMediaRequest(libraryDir, encodedPath, wholeMaxBytes) };
}

port.on('message', (request: MediaRequest | { id: 0; close: true }) => {
  if ('close' in request) {
    port.close();
    return;
  }
  let reply: MediaAnswer;
  try {
    reply = answer(request);
  } catch (error) {
    // the page sees the status only; the details (a path, a system error) stay in the log
    console.error('[atelier] the media thread could not answer', request.encodedPath, error);
    reply = { id: request.id, status: 500, reason: 'could not be read' };
  }
  port.postMessage(reply, 'bytes' in reply ? [reply.bytes.buffer as ArrayBuffer] : []);
});
