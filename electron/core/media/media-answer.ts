import { resolveMediaRequest } from './media-path.ts';
import type { MediaRead } from './media-reader.ts';
import { readWholeFile } from './read-whole-file.ts';

/**
 * One media request answered with blocking calls: the gate (media-path.ts), then the file whole up
 * to `wholeMaxBytes`, or past it the file to stream. The media thread's work (media-thread.ts), and
 * the core's own for the few requests that come while that thread is starting (media-reader.ts).
 */
export function answerMediaRequest(libraryDir: string, encodedPath: string, wholeMaxBytes: number): MediaRead {
  const resolution = resolveMediaRequest(libraryDir, encodedPath);
  if (resolution.status !== 200) return { status: resolution.status, reason: resolution.reason };
  const bytes = readWholeFile(resolution.file, wholeMaxBytes);
  if (bytes === 'missing') return { status: 404, reason: 'not found' };
  if (bytes === 'large') return { status: 200, contentType: resolution.contentType, file: resolution.file };
  return { status: 200, contentType: resolution.contentType, bytes };
}
