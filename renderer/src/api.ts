/**
 * The renderer's one door to the main process. In the desktop app the preload has put
 * `window.atelier` there; in the browser preview the same contract travels over a
 * WebSocket to the preview host, authorised by the token in the page's address.
 */
import type { AtelierApi } from '../../shared/contract.ts';
import { mediaAddress } from '../../shared/media-address.ts';
import { previewBridge, type PreviewLink } from './preview-bridge.ts';

declare global {
  interface Window {
    atelier?: AtelierApi;
  }
}

export type Transport = 'electron' | 'preview';

export const transport: Transport = window.atelier ? 'electron' : 'preview';
const preview = window.atelier ? undefined : previewBridge();
export const api: AtelierApi = window.atelier ?? (preview as AtelierApi);

/** The preview's link to its host ('connected' in the desktop app, whose bridge cannot drop). */
export function previewLink(): PreviewLink {
  return preview?.link() ?? 'connected';
}

/** A host that neither opens the socket nor refuses it within this long does not hold the window back longer. */
const SEND_WAIT_MAX_MS = 300;

/**
 * Settles once the requests asked so far are on their way: the preview's socket is open (or could
 * not open), or SEND_WAIT_MAX_MS has passed; at once in the desktop app, whose bridge sends as it is called.
 */
export function requestsSent(): Promise<void> {
  if (!preview) return Promise.resolve();
  return Promise.race([preview.opened(), new Promise<void>((resolve) => setTimeout(resolve, SEND_WAIT_MAX_MS))]);
}

/** Calls `listener` whenever the preview's link changes; returns the unsubscribe. */
export function onPreviewLink(listener: () => void): () => void {
  return preview?.onLink(listener) ?? (() => undefined);
}

/** The address of a library file (ImageInfo.file or .thumbnail, relative to the library folder). */
export function mediaUrl(relativePath: string): string {
  return mediaAddress(relativePath, transport);
}
