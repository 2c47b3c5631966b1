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
