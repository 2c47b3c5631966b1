/**
 * Images fetched and decoded ahead of being shown, by address: a feed slot's picture starts
 * loading the moment the push saying it was saved arrives (wire-events.ts), not a render later,
 * and the slot (DecodedThumbnail.tsx) waits on the same promise rather than decoding it twice.
 * A thumbnail whose bytes came with the push (`thumbnail:saved`) is decoded from them, and shown
 * from them: no request to the media route, so no wait behind the core's other work.
 */
interface Known {
  decoded: Promise<void>;
  /** What an <img> shows for this address: the address itself, or a blob: URL of the pushed bytes. */
  source: string;
}
const known = new Map<string, Known>();
/** Enough for every slot of a long session's feed; the oldest are dropped first. */
const KEPT = 400;

function keep(url: string, entry: Known): Promise<void> {
  known.set(url, entry);
  // a failure is not kept: the next ask tries again
  entry.decoded.catch(() => forget(url));
  if (known.size > KEPT) forget(known.keys().next().value as string);
  return entry.decoded;
}

function forget(url: string): void {
  const entry = known.get(url);
  known.delete(url);
  // an <img> already showing it keeps its pixels; a slot mounted later asks the address again
  if (entry && entry.source !== url) URL.revokeObjectURL(entry.source);
}

function decodeFrom(source: string): Promise<void> {
  const picture = new Image();
  picture.src = source;
  return picture.decode();
}

/** Resolves once the image at `url` is fetched and decoded (rejects if it cannot be). */
export function decodeOnce(url: string): Promise<void> {
  return known.get(url)?.decoded ?? keep(url, { decoded: decodeFrom(url), source: url });
}

/** Starts decoding the image at `url` from bytes that came with a push (base64), unless it is known already. */
export function decodeFromBytes(url: string, base64: string): void {
  if (known.has(url)) return;
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // thumbnails are JPEG; a library from before session 17 has WebP ones
  const source = URL.createObjectURL(new Blob([bytes], { type: url.endsWith('.webp') ? 'image/webp' : 'image/jpeg' }));
  void keep(url, { decoded: decodeFrom(source), source }).catch(() => undefined);
}

/** Whether the image at `url` was asked to be decoded ahead (a run that just landed), and not yet let go of. */
export function isKnown(url: string): boolean {
  return known.has(url);
}

/** What an <img> for `url` shows: the pushed bytes when they were decoded from, else the address. */
export function shownSource(url: string): string {
  return known.get(url)?.source ?? url;
}
