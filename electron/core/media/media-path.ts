import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { MEDIA_FOLDERS, isLibrarySegment } from './layout.ts';

/**
 * The one gate between a media URL and a file on disk, shared by the Electron scheme
 * (`atelier-media://library/<path>`) and the preview host (`/media/<path>`): both pass the
 * still-encoded part after their prefix, without a leading slash.
 *
 * Statuses, consistently:
 * - 400: the path is not valid percent-encoding;
 * - 403: the request is refused by policy: any escape attempt (`..`, encoded separators,
 *   backslashes, absolute paths, drive letters, NUL, a symlink leading out), a name the library
 *   never produces, a folder other than images/ and thumbnails/, or a type other than PNG, WebP
 *   or JPEG, whether or not such a file exists (so refusals leak nothing);
 * - 404: an allowed, well-formed path with no regular file behind it.
 * Everything is decoded exactly once: `%252e` stays the literal text `%2e`, which is refused.
 */

export type MediaResolution =
  | { status: 200; file: string; contentType: MediaContentType }
  | { status: 400 | 403 | 404; reason: string };

export type MediaContentType = 'image/png' | 'image/webp' | 'image/jpeg';

const CONTENT_TYPES: Record<string, MediaContentType> = {
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/**
 * Decides which library file (if any) an encoded media path names; never touches files outside the
 * library. Its two lookups block the calling thread: it runs on the media thread (media-thread.ts),
 * never on the core's.
 */
export function resolveMediaRequest(libraryDir: string, encodedPath: string): MediaResolution {
  if (encodedPath.includes('\\') || encodedPath.includes('\0')) return refused('backslash or NUL in path');
  const segments: string[] = [];
  for (const raw of encodedPath.split('/')) {
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return { status: 400, reason: 'malformed percent-encoding' };
    }
  }
  // Only names the layout produces pass: this alone rules out '', '.', '..', '/', '\', ':', NUL and '%'.
  if (!segments.every(isLibrarySegment)) return refused('not a library path');
  if (segments.length < 2 || !MEDIA_FOLDERS.includes(segments[0] ?? '')) return refused('outside the media folders');
  const contentType = contentTypeOf(segments.at(-1) ?? '');
  if (!contentType) return refused('not an image type the library serves');

  let root: string;
  let real: string;
  try {
    root = realpathSync.native(libraryDir);
  } catch {
    return { status: 404, reason: 'library folder missing' };
  }
  try {
    real = realpathSync.native(path.join(root, ...segments));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 404, reason: 'not found' };
    return refused(`unresolvable path (${code ?? 'error'})`);
  }
  // A symlink inside the library may point anywhere: judge where it really leads.
  const relative = path.relative(root, real);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return refused('leads outside the library');
  const realSegments = relative.split(path.sep);
  if (!MEDIA_FOLDERS.includes(realSegments[0] ?? '') || contentTypeOf(real) !== contentType) {
    return refused('leads outside the media folders');
  }
  try {
    if (!statSync(real).isFile()) return { status: 404, reason: 'not a file' };
  } catch {
    return { status: 404, reason: 'not found' };
  }
  return { status: 200, file: real, contentType };
}

function contentTypeOf(name: string): MediaContentType | undefined {
  return CONTENT_TYPES[path.extname(name).toLowerCase()];
}

function refused(reason: string): MediaResolution {
  return { status: 403, reason };
}
