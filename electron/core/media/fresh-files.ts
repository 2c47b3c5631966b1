import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { encodeMediaPath } from '../../../shared/media-address.ts';

/**
 * Thumbnails the core wrote moments ago, by their encoded media path: the page asks for them at
 * once (a feed slot loads its picture as the push saying it was saved arrives), and they are
 * still in the page cache, so serve-media.ts reads them on its own thread instead of queueing on
 * libuv's threadpool behind sharp (bench:ui --feed-only: landing → painted). Bounded in count and
 * age: past either, a file takes the ordinary way, whatever disk it is on.
 */
const KEPT = 64;
const FRESH_MS = 60_000;
const written = new Map<string, number>();

/** Records that the core has just written `relativePath` (relative to the data folder). */
export function markFresh(relativePath: string, now: number = Date.now()): void {
  const key = encodeMediaPath(relativePath);
  written.delete(key);
  written.set(key, now);
  if (written.size > KEPT) written.delete(written.keys().next().value as string);
}

/** Whether the file behind an encoded media path was written by the core moments ago. */
export function isFresh(encodedPath: string, now: number = Date.now()): boolean {
  const at = written.get(encodedPath);
  return at !== undefined && now - at <= FRESH_MS;
}

/** A fresh thumbnail is a few KB (≤ 400 px WebP): read whole on this thread. Anything larger goes the ordinary, streamed way. */
export const FRESH_MAX_BYTES = 512 * 1024;

/**
 * The whole of a file just written, read on the calling thread from one open handle (the size and
 * the bytes of the same inode): microseconds from the page cache, no threadpool wait.
 */
export function readFreshFile(file: string, maxBytes: number = FRESH_MAX_BYTES): Buffer | 'missing' | 'large' {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return 'missing';
  }
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) return 'large';
    const bytes = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } catch {
    return 'missing';
  } finally {
    closeSync(fd);
  }
}
