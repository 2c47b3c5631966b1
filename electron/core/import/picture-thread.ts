/**
 * The code of an import's picture thread (picture-threads.ts): reads the pictures it is sent — a
 * copy into the library's temp folder, its format, size and every pixel checked, its three hashes —
 * several at a time, so the hashing of bytes and pixels never runs on the core's thread. Bundled as
 * its own entry (`out/main/picture-worker.js`) for the desktop app; run from this file elsewhere.
 */
import { parentPort } from 'node:worker_threads';
import { readPicture, UnreadablePicture } from './read-picture.ts';
import type { PictureRequest, PictureResponse } from './picture-threads.ts';

const port = parentPort;
if (port === null) throw new Error('picture-thread.ts runs only as a worker thread');

async function answer({ id, dataDir, source }: PictureRequest): Promise<{ response: PictureResponse; transfer: ArrayBuffer[] }> {
  try {
    const read = await readPicture(dataDir, source);
    // the head is a buffer of its own (never a pooled slice): handed over, not copied
    const head = new Uint8Array(read.head.buffer, read.head.byteOffset, read.head.byteLength);
    return { response: { id, ok: true, value: { copied: read.copied, head, modifiedAt: read.modifiedAt } }, transfer: [head.buffer as ArrayBuffer] };
  } catch (error) {
    if (error instanceof UnreadablePicture) return { response: { id, ok: false, unreadable: error.message }, transfer: [] };
    return { response: { id, ok: false, bug: error instanceof Error ? (error.stack ?? error.message) : String(error) }, transfer: [] };
  }
}

port.on('message', (request: PictureRequest | { id: 0; close: true }) => {
  if ('close' in request) {
    port.close();
    return;
  }
  void answer(request).then(({ response, transfer }) => port.postMessage(response, transfer));
});
