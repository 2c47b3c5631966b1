import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MediaContentType } from './media-path.ts';
import { MediaReader } from './media-reader.ts';

/**
 * A media answer both transports can send in a few lines: the preview host writes it to its
 * `ServerResponse` (sendMedia), Electron's `protocol.handle` returns it as a web Response
 * (toWebResponse). Library files never change once written, so browsers may cache them for good.
 */

export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  /** The file's bytes for 200 (whole, or streamed from a large file), a short plain-text reason otherwise. */
  body: Buffer | Readable;
}

const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff' };

/** One media thread for the process, for both shells' requests; idle, it never keeps the process open. */
const mediaReader = new MediaReader();

/** Resolves an encoded media path on the media thread and reads the file there: status, headers and body. */
export async function serveMedia(libraryDir: string, encodedPath: string): Promise<MediaResponse> {
  const read = await mediaReader.read(libraryDir, encodedPath);
  if ('reason' in read) return plain(read.status, read.reason);
  if ('bytes' in read) return image(read.contentType, read.bytes.length, Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength));
  return streamed(read.contentType, read.file);
}

/** A file too large to read whole, through libuv's threadpool: the gate has passed it on the media thread. */
async function streamed(contentType: MediaContentType, file: string): Promise<MediaResponse> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
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
  return image(contentType, size, handle.createReadStream());
}

function image(contentType: MediaContentType, size: number, body: Buffer | Readable): MediaResponse {
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
  if (Buffer.isBuffer(media.body)) return new Response(new Uint8Array(media.body.buffer as ArrayBuffer, media.body.byteOffset, media.body.byteLength), { status: media.status, headers: media.headers });
  // Node's web ReadableStream is the one Response accepts at run time; the two type declarations differ.
  const body = Readable.toWeb(media.body) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status: media.status, headers: media.headers });
}

/** Writes the media answer to a node:http response (the preview host); a stream's resolves when sent or the client left, whole bytes' at once. */
export async function sendMedia(media: MediaResponse, res: ServerResponse): Promise<void> {
  res.writeHead(media.status, media.headers);
  // whole bytes in one write: no stream, no pipeline (whose AbortController made a DOMException per answer)
  if (Buffer.isBuffer(media.body)) return void res.end(media.body);
  await pipeline(media.body, res).catch(() => undefined);
  // pipeline leaves the source open when the client left before the answer began (the response
  // was already closed): destroying it closes the file's handle instead of leaving it to the GC.
  media.body.destroy();
}

function plain(status: MediaResponse['status'], reason: string): MediaResponse {
  const text = `${status} ${reason}\n`;
  return {
    status,
    headers: {
      ...COMMON_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
      'Cache-Control': 'no-store',
    },
    body: Buffer.from(text),
  };
}
