import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import { guardedGet } from '../net/guarded-get.ts';
import type { UrlRule } from '../net/url-rule.ts';
import {
  type DownloadFailure,
  DownloadFailureError,
  failureForNetworkError,
  failureForRequestError,
  failureForStatus,
  failureForStorageError,
} from './download-failure.ts';
import { checkImage, type ImageContentType } from './image-check.ts';
import { toAbsolutePath, withExtension } from './layout.ts';
import { type ImageProvenance, provenanceChunks, writePngText } from './png-metadata.ts';
import { replaceFile } from './replace-file.ts';
import { syncFile } from './sync-file.ts';
import { newTempPath } from './temp-files.ts';

/**
 * Saving one image into the library: stream to a temporary file in `<library>/tmp/`, check
 * it (the header's size first, then every pixel in bounded memory), write the provenance into
 * it, then rename it into place. A reader (or a crash) never sees a partial file under the
 * final name, and a second download of the same path replaces the first atomically, so a
 * crash between download and database write is harmless: the queue simply downloads again.
 */

export interface DownloadRequest {
  url: string;
  dataDir: string;
  /** Planned path relative to the data folder (see layout.ts); the extension follows the real format. */
  relativePath: string;
  /** Where the URL, and every redirect from it, may lead (net/url-rule.ts). */
  urlRule: UrlRule;
  /** Refuse images with more pixels than this, read from the header before anything is decoded. */
  maxPixels: number;
  signal?: AbortSignal;
  /** Written into PNGs as text chunks; JPEG and WebP are stored exactly as received. */
  provenance?: ImageProvenance;
  /** Limit for the whole transfer; default 2 minutes. */
  timeoutMs?: number;
  /** Refuse bodies larger than this; default 64 MiB. */
  maxBytes?: number;
}

export interface FileDigest {
  bytes: number;
  /** SHA-256, hex. */
  sha256: string;
}

export interface DownloadedImage {
  /** Final path relative to the data folder (forward slashes), as the library stores it. */
  relativePath: string;
  contentType: ImageContentType;
  width: number;
  height: number;
  /** The body exactly as the server sent it, hashed while streaming: the picture's identity. */
  received: FileDigest;
  /** The file as stored, Atelier's metadata included (the same as `received` for JPEG/WebP). */
  stored: FileDigest;
  /** False for JPEG/WebP, which are stored as they come. */
  metadataWritten: boolean;
}

export type DownloadResult = { ok: true; image: DownloadedImage } | { ok: false; failure: DownloadFailure };

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

const CONTENT_TYPES: Record<string, ImageContentType> = {
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/webp': 'image/webp',
};

/** Downloads one image into the library (temp file + rename); never throws for network or server trouble. */
export async function downloadImage(req: DownloadRequest): Promise<DownloadResult> {
  // A bad path is the caller's bug, not a download failure: let it throw.
  const plannedAbsolute = toAbsolutePath(req.dataDir, req.relativePath);
  const timeout = AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
  let tempPath: string | null = null;
  let response: HttpResponse | null = null;
  try {
    signal.throwIfAborted();
    response = await guardedGet(req.urlRule, req.url, {
      signal,
      headers: { accept: 'image/png, image/webp, image/jpeg', 'user-agent': 'Atelier' },
    }).catch((error: unknown) => {
      throw new DownloadFailureError(failureForRequestError(error));
    });
    const expectedLength = checkHeaders(response, maxBytes);

    tempPath = await inLibrary(newTempPath(req.dataDir, plannedAbsolute));
    const received = await streamToFile(response.body, tempPath, signal, maxBytes);
    if (received.bytes === 0) throw invalid('The image server sent an empty file.');
    if (expectedLength !== null && received.bytes !== expectedLength) {
      throw new DownloadFailureError({
        kind: 'retryable',
        message: 'The image arrived incomplete; Atelier will try again.',
        cause: `received ${received.bytes} of ${expectedLength} bytes`,
      });
    }

    const original = await inLibrary(readFile(tempPath));
    const checked = await checkImage(original, req.maxPixels);
    const file = checked.format.extension === 'png' && req.provenance ? withProvenance(original, req.provenance) : original;
    if (file !== original) await inLibrary(writeFile(tempPath, file, { flush: true }));
    else await inLibrary(syncFile(tempPath));

    signal.throwIfAborted();
    const relativePath = withExtension(req.relativePath, checked.format.extension);
    const finalPath = toAbsolutePath(req.dataDir, relativePath);
    await inLibrary(mkdir(path.dirname(finalPath), { recursive: true }));
    await inLibrary(replaceFile(tempPath, finalPath));
    tempPath = null;
    return {
      ok: true,
      image: {
        relativePath,
        contentType: checked.format.contentType,
        width: checked.width,
        height: checked.height,
        received,
        stored: file === original ? received : { bytes: file.length, sha256: createHash('sha256').update(file).digest('hex') },
        metadataWritten: file !== original,
      },
    };
  } catch (error) {
    return { ok: false, failure: toFailure(error, req.signal, timeout) };
  } finally {
    // An unread body (refused response, folder not writable) must not hold the connection: read off a
    // little so it can be reused, or drop it; destroy() alone would emit an error nobody listens to.
    if (response !== null && !response.body.destroyed) void response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    if (tempPath !== null) await rm(tempPath, { force: true }).catch(() => undefined);
  }
}

type HttpResponse = Dispatcher.ResponseData;

/** Status, type and declared length, checked before a single body byte is written. Returns the length if declared. */
function checkHeaders(response: HttpResponse, maxBytes: number): number | null {
  const refuse = (failure: DownloadFailure): never => {
    throw new DownloadFailureError(failure);
  };
  if (response.statusCode !== 200) refuse(failureForStatus(response.statusCode));
  const type = firstHeader(response.headers['content-type'])?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(type in CONTENT_TYPES)) {
    refuse({ kind: 'invalid', message: 'The image server sent something that is not an image.', cause: `content-type ${type || '(none)'}` });
  }
  const lengthText = firstHeader(response.headers['content-length']);
  if (lengthText === undefined) return null;
  const length = /^\d+$/.test(lengthText.trim()) ? Number(lengthText.trim()) : Number.NaN;
  if (Number.isNaN(length)) refuse({ kind: 'retryable', message: 'The image server sent a garbled response.', cause: `content-length ${lengthText}` });
  if (length === 0) refuse({ kind: 'invalid', message: 'The image server sent an empty file.' });
  if (length > maxBytes) refuse({ kind: 'invalid', message: 'The image is larger than Atelier accepts.', cause: `${length} bytes` });
  return length;
}

async function streamToFile(
  body: NodeJS.ReadableStream,
  file: string,
  signal: AbortSignal,
  maxBytes: number,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        done(new DownloadFailureError({ kind: 'invalid', message: 'The image is larger than Atelier accepts.' }));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // 'wx': the random name is ours alone; never write through someone else's file.
  const output = createWriteStream(file, { flags: 'wx' });
  try {
    await pipeline(body, meter, output, { signal });
  } catch (error) {
    if (error instanceof DownloadFailureError) throw error;
    if (isFileSystemError(error)) throw new DownloadFailureError(failureForStorageError(error));
    throw new DownloadFailureError(failureForNetworkError(error));
  }
  return { bytes, sha256: hash.digest('hex') };
}

function withProvenance(png: Buffer, provenance: ImageProvenance): Buffer {
  try {
    return writePngText(png, provenanceChunks(provenance));
  } catch (error) {
    throw new DownloadFailureError({
      kind: 'invalid',
      message: 'The downloaded PNG is damaged.',
      cause: error instanceof Error ? error.message : String(error),
    });
  }
}

// pipeline() passes a network error on to the file stream as well, so judge the error itself, not who reported it.
const FILE_SYSCALLS = new Set(['open', 'write', 'writev', 'close', 'fsync', 'fdatasync']);

function isFileSystemError(error: unknown): boolean {
  const syscall = (error as NodeJS.ErrnoException | null)?.syscall;
  return typeof syscall === 'string' && FILE_SYSCALLS.has(syscall);
}

function inLibrary<T>(operation: Promise<T>): Promise<T> {
  return operation.catch((error: unknown) => {
    throw new DownloadFailureError(failureForStorageError(error));
  });
}

function toFailure(error: unknown, callerSignal: AbortSignal | undefined, timeout: AbortSignal): DownloadFailure {
  if (callerSignal?.aborted) return { kind: 'aborted', message: 'The download was cancelled.' };
  if (timeout.aborted) return { kind: 'retryable', message: 'The download took too long; Atelier will try again.', cause: 'timeout' };
  if (error instanceof DownloadFailureError) return error.failure;
  return failureForNetworkError(error);
}

function invalid(message: string): DownloadFailureError {
  return new DownloadFailureError({ kind: 'invalid', message });
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
