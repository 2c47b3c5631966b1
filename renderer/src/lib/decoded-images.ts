/**
 * Images fetched and decoded ahead of being shown, by address: a feed slot's picture starts
 * loading the moment the push saying it was saved arrives (wire-events.ts), not a render later,
 * and the slot (DecodedThumbnail.tsx) waits on the same promise rather than decoding it twice.
 * A thumbnail whose bytes came with the push (`thumbnail:saved`) is decoded from them, and shown
 * from them: no request to the media route, so no wait behind the core's other work. They are
 * shown as a data: address, not a blob: one: Blink loads a data: image at once, in the page, where
 * a blob: one is read back through the browser process (20-40 ms on 2 busy cores, bench:ui's feed).
 */
interface Known {
  decoded: Promise<void>;
  /** Set once `decoded` has resolved. */
  ready: boolean;
  /** What an <img> shows for this address: the address itself, or a data: address of the pushed bytes. */
  source: string;
}
const known = new Map<string, Known>();
/** Enough for every slot of a long session's feed; the oldest are dropped first. */
const KEPT = 400;

function keep(url: string, entry: Known): Promise<void> {
  known.set(url, entry);
  // a failure is not kept: the next ask tries again
  entry.decoded.then(
    () => {
      entry.ready = true;
    },
    () => forget(url),
  );
  if (known.size > KEPT) forget(known.keys().next().value as string);
  return entry.decoded;
}

// an <img> already showing it keeps its pixels; a slot mounted later asks the address again
function forget(url: string): void {
  known.delete(url);
}

function decodeFrom(source: string): Promise<void> {
  const picture = new Image();
  picture.src = source;
  return picture.decode();
}

/** Resolves once the image at `url` is fetched and decoded (rejects if it cannot be). */
export function decodeOnce(url: string): Promise<void> {
  return known.get(url)?.decoded ?? keep(url, { decoded: decodeFrom(url), source: url, ready: false });
}

/** Starts decoding the image at `url` from bytes that came with a push (base64), unless it is known already. */
export function decodeFromBytes(url: string, base64: string): void {
  if (known.has(url)) return;
  // thumbnails are JPEG; a library from before session 17 has WebP ones
  const source = `data:${url.endsWith('.webp') ? 'image/webp' : 'image/jpeg'};base64,${base64}`;
  void keep(url, { decoded: decodeFrom(source), source, ready: false }).catch(() => undefined);
}

/** Whether the image at `url` was asked to be decoded ahead (a run that just landed), and not yet let go of. */
export function isKnown(url: string): boolean {
  return known.has(url);
}

/**
 * Whether a slot can show the image at `url` in the render that names it: it is decoded already,
 * or its bytes came with a push (a data: image is loaded at once and whole, so it is never half
 * drawn). A run's last image is pushed a few ms before the push naming it is rendered; waiting
 * for its decode cost one effect, one frame and one more render (bench:ui's landing → painted).
 */
export function showsAtOnce(url: string): boolean {
  const entry = known.get(url);
  return entry !== undefined && (entry.ready || entry.source !== url);
}

/** What an <img> for `url` shows: the pushed bytes when they were decoded from, else the address. */
export function shownSource(url: string): string {
  return known.get(url)?.source ?? url;
}
