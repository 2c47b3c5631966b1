import { protocol } from 'electron';
import { MEDIA_HOST, MEDIA_SCHEME } from '../../shared/media-address.ts';
import { serveMedia, toWebResponse } from '../core/media/serve-media.ts';

/** Must run before the app is ready: a standard, secure scheme (no bypassCSP) so img-src can name it. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

/**
 * Serves `atelier-media://library/<relative path>` from the library folder through the same
 * gate as the preview's /media/ path: decoded once, kept inside the folder, images only.
 * `onServed` hears each path served (still encoded), after the gate let it through.
 */
export function handleMediaScheme(dataDir: string, onServed: (encodedPath: string) => void): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== MEDIA_HOST) return new Response(null, { status: 404 });
    const media = await serveMedia(dataDir, url.pathname.slice(1));
    if (media.status === 200) onServed(url.pathname.slice(1));
    return toWebResponse(media);
  });
}
