import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MediaReader } from '../../electron/core/media/media-reader.ts';
import { serveMedia, toWebResponse } from '../../electron/core/media/serve-media.ts';
import { makeThumbnail } from '../../electron/core/media/thumbnail.ts';
import { makePng } from '../support/image-server.ts';
import { tempDir } from '../support/temp-dir.ts';

let library: { path: string; remove(): void };
let outside: { path: string; remove(): void };
const image = 'images/2026/11/ab/7-0.png';
const thumbnail = 'thumbnails/2026/11/ab/7-0.jpg';

beforeEach(async () => {
  library = tempDir('atelier-media-thread-');
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

describe('media answers come from the media thread (media-reader.ts)', () => {
  it.skipIf(process.platform === 'win32')('a thumbnail is answered while every thread of libuv\'s threadpool is busy, with its bytes and headers', async () => {
    // the thread started (its code loaded) before the pool is held, as it is after the app's first picture
    expect((await serveMedia(library.path, 'thumbnails/2026/11/ab/6-0.jpg')).status).toBe(404);
    const release = holdThreadpool();
    try {
      const response = toWebResponse(await serveMedia(library.path, thumbnail));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
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

  it('passes the gate there: a name that leads outside the library is refused', async () => {
    const secret = path.join(outside.path, 'secret.jpg');
    writeFileSync(secret, 'not for the page');
    const link = 'thumbnails/2026/11/ab/8-0.jpg';
    symlinkSync(secret, path.join(library.path, ...link.split('/')));
    expect((await serveMedia(library.path, link)).status).toBe(403);
    expect((await serveMedia(library.path, 'thumbnails/2026/11/ab/..%2f..%2f..%2f..%2fetc%2fpasswd')).status).toBe(403);
  });
});

describe('MediaReader', () => {
  it('never keeps the process open while idle: while its thread starts, or after it answered', () => {
    const reader = pathToFileURL(path.resolve(import.meta.dirname, '../../electron/core/media/media-reader.ts')).href;
    const code = `
      const { MediaReader } = await import(${JSON.stringify(reader)});
      const reader = new MediaReader();
      const first = await reader.read(${JSON.stringify(library.path)}, ${JSON.stringify(thumbnail)});
      while (!reader.threadRunning) await new Promise((resolve) => setTimeout(resolve, 10));
      const second = await reader.read(${JSON.stringify(library.path)}, ${JSON.stringify(thumbnail)});
      if (first.status !== 200 || second.status !== 200) console.log('not read', first.status, second.status);`;
    // a file, not --eval: the thread would inherit --input-type and fail to start
    const script = path.join(outside.path, 'idle.mjs');
    writeFileSync(script, code);
    // the process ends by itself once its code has run; a thread keeping it open would hit the timeout
    const output = execFileSync(process.execPath, [script], { timeout: 20_000, encoding: 'utf8', stdio: 'pipe' });
    expect(output).toBe('');
  });

  it('answers many requests asked at once, each with its own file, while its thread starts and once it runs', async () => {
    const reader = new MediaReader();
    try {
      const names = Array.from({ length: 40 }, (_, i) => `thumbnails/2026/11/ab/${100 + i}-0.jpg`);
      for (const [i, name] of names.entries()) writeFileSync(path.join(library.path, ...name.split('/')), `picture ${i}`);
      const askAll = async () => {
        const reads = await Promise.all([...names.map((name) => reader.read(library.path, name)), reader.read(library.path, 'thumbnails/2026/11/ab/99-0.jpg')]);
        for (const [i, read] of reads.slice(0, -1).entries()) {
          expect(read).toMatchObject({ status: 200, contentType: 'image/jpeg' });
          expect('bytes' in read && Buffer.from(read.bytes).toString()).toBe(`picture ${i}`);
        }
        expect(reads.at(-1)).toEqual({ status: 404, reason: 'not found' });
      };
      expect(reader.threadRunning).toBe(false);
      await askAll();
      await vi.waitFor(() => expect(reader.threadRunning).toBe(true), { timeout: 10_000 });
      await askAll();
    } finally {
      await reader.close();
    }
  });

  it('names the file instead of its bytes past the whole-file limit, and starts again after close', async () => {
    const reader = new MediaReader(16);
    try {
      const read = await reader.read(library.path, thumbnail);
      expect(read).toEqual({ status: 200, contentType: 'image/jpeg', file: path.join(realpathSync(library.path), ...thumbnail.split('/')) });
      await reader.close();
      const small = 'thumbnails/2026/11/ab/9-0.jpg';
      writeFileSync(path.join(library.path, ...small.split('/')), 'tiny');
      const again = await reader.read(library.path, small);
      expect(again).toMatchObject({ status: 200, contentType: 'image/jpeg' });
      expect('bytes' in again && Buffer.from(again.bytes).toString()).toBe('tiny');
    } finally {
      await reader.close();
    }
  });
});
