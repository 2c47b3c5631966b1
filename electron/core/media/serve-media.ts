import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isFresh, readFreshFile } from './fresh-files.ts';
import { pageCacheLookups, resolveMediaRequest, type MediaContentType } from './media-path.ts';

/**
 * A media answer both transports can send in a few lines: the preview host writes it to its
 * `ServerResponse` (sendMedia), Electron's `protocol.handle` returns it as a web Response
 * (toWebResponse). Library files never change once written, so browsers may cache them for good.
 */

export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  /** The file's bytes for 200, a short plain-text reason otherwise. */
  body: Readable;
}

const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff' };

/** Resolves an encoded media path and opens the file: status, headers and a body stream. */
export async function serveMedia(libraryDir: string, encodedPath: string): Promise<MediaResponse> {
  const fresh = isFresh(encodedPath);
  const resolution = fresh ? await resolveMediaRequest(libraryDir, encodedPath, pageCacheLookups) : await resolveMediaRequest(libraryDir, encodedPath);
  if (resolution.status !== 200) return plain(resolution.status, resolution.reason);
  if (fresh) {
    const bytes = readFreshFile(resolution.file);
    if (bytes === 'missing') return plain(404, 'not found');
    if (bytes !== 'large') return image(resolution.contentType, bytes.length, Readable.from([bytes]));
  }
  let handle: FileHandle;
  try {
    handle = await open(resolution.file, 'r');
  } catch {
    return plain(404, 'not found');
  }
  // Size from the open handle: the file a concurrent re-download renames in is a new inode, not this one.
  let size: number;
  try {
    ({ size } = await handle.stat());
  } catch {
    await handle.close();
    return plain(404, 'not found');
  }
  return image(resolution.contentType, size, handle.createReadStream());
}

function image(contentType: MediaContentType, size: number, body: Readable): MediaResponse {
  return {
    status: 200,
    headers: {
      ...COMMON_HEADERS,
      'Content-Type': contentType,
      'Content-Length': String(size),
      'Cache-Control': 'private, max-age=31536000, immutable',
    },
    body,
  };
}

/** The media answer as a web `Response`, for Electron's `protocol.handle`. */
export function toWebResponse(media: MediaResponse): Response {
  // Node's web ReadableStream is the one Response accepts at run time; the two type declarations differ.
  const body = Readable.toWeb(media.body) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status: media.status, headers: media.headers });
}

/** Writes the media answer to a node:http response (the preview host); resolves when sent or the client left. */
export async function sendMedia(media: MediaResponse, res: ServerResponse): Promise<void> {
  res.writeHead(media.status, media.headers);
  await pipeline(media.body, res).catch(() => undefined);
  // pipeline leaves the source open when the client left before the answer began (the response
  // was already closed): destroying it closes the file's handle instead of leaving it to the GC.
  media.body.destroy();
}

function plain(status: number, reason: string): MediaResponse {
  const text = `${status} ${reason}\n`;
  return {
    status,
    headers: {
      ...COMMON_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
      'Cache-Control': 'no-store',
    },
    body: Readable.from([Buffer.from(text)]),
  };
}
