import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markFresh } from '../../electron/core/media/fresh-files.ts';
import { serveMedia, toWebResponse } from '../../electron/core/media/serve-media.ts';
import { makeThumbnail } from '../../electron/core/media/thumbnail.ts';
import { makePng } from '../support/image-server.ts';
import { tempDir } from '../support/temp-dir.ts';

let library: { path: string; remove(): void };
let outside: { path: string; remove(): void };
const image = 'images/2026/11/ab/7-0.png';
const thumbnail = 'thumbnails/2026/11/ab/7-0.webp';

beforeEach(async () => {
  library = tempDir('atelier-fresh-');
  outside = tempDir('atelier-outside-');
  const file = path.join(library.path, ...image.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await makePng(640, 480));
  await makeThumbnail(library.path, image, thumbnail);
});
afterEach(() => {
  library.remove();
  outside.remove();
});

/**
 * Holds every thread of libuv's threadpool: each reader waits in open() on a FIFO until its writer
 * comes. Answers a function that lets them all go.
 */
function holdThreadpool(): () => Promise<void> {
  const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const fifos = Array.from({ length: threads }, (_, i) => path.join(outside.path, `hold-${i}`));
  for (const fifo of fifos) execFileSync('mkfifo', [fifo]);
  const readers = fifos.map((fifo) => readFile(fifo));
  return async () => {
    // a reader waiting in open() counts as one: a non-blocking writer opens at once, and closing ends its read
    for (const fifo of fifos) closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    await Promise.all(readers);
  };
}

describe('a thumbnail the core has just written (fresh-files.ts)', () => {
  it.skipIf(process.platform === 'win32')('is answered while the threadpool is busy, with the same bytes and headers as any media answer', async () => {
    const release = holdThreadpool();
    try {
      const response = toWebResponse(await serveMedia(library.path, thumbnail));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(readFileSync(path.join(library.path, ...thumbnail.split('/'))))).toBe(true);
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
    } finally {
      await release();
    }
  });

  it('is not found once removed, like any other file', async () => {
    rmSync(path.join(library.path, ...thumbnail.split('/')));
    expect((await serveMedia(library.path, thumbnail)).status).toBe(404);
  });

  it('still passes the gate: a fresh name that leads outside the library is refused', async () => {
    const secret = path.join(outside.path, 'secret.webp');
    writeFileSync(secret, 'not for the page');
    const link = 'thumbnails/2026/11/ab/8-0.webp';
    symlinkSync(secret, path.join(library.path, ...link.split('/')));
    markFresh(link);
    expect((await serveMedia(library.path, link)).status).toBe(403);
    expect((await serveMedia(library.path, 'thumbnails/2026/11/ab/..%2f..%2f..%2f..%2fetc%2fpasswd')).status).toBe(403);
  });
});
