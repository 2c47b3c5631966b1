/**
 * Where the renderer finds a library file, and how the transports read that address back: the
 * desktop app's privileged scheme (`atelier-media://library/<path>`) or the preview host's
 * `/media/<path>`. Both hand the still-encoded path to the one gate, core/media/media-path.ts.
 */

/** The desktop app's scheme for library files (Electron main registers it; the CSP names it). */
export const MEDIA_SCHEME = 'atelier-media';
/** The host part of the desktop scheme: the library folder. */
export const MEDIA_HOST = 'library';
/** The preview host's path for library files. */
export const PREVIEW_MEDIA_PREFIX = '/media/';

/** A path relative to the library folder, each segment percent-encoded on its own so the slashes stay separators. */
export function encodeMediaPath(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

/** The address of a library file (ImageInfo.file or .thumbnail) for the given transport. */
export function mediaAddress(relativePath: string, transport: 'electron' | 'preview'): string {
  const encoded = encodeMediaPath(relativePath);
  return transport === 'electron' ? `${MEDIA_SCHEME}://${MEDIA_HOST}/${encoded}` : `${PREVIEW_MEDIA_PREFIX}${encoded}`;
}
