/**
 * Images fetched and decoded ahead of being shown, by address: a feed slot's picture starts
 * loading the moment the push saying it was saved arrives (wire-events.ts), not a render later,
 * and the slot (DecodedThumbnail.tsx) waits on the same promise rather than decoding it twice.
 */
const decoding = new Map<string, Promise<void>>();
/** Enough for every slot of a long session's feed; the oldest are dropped first. */
const KEPT = 400;

/** Resolves once the image at `url` is fetched and decoded (rejects if it cannot be). */
export function decodeOnce(url: string): Promise<void> {
  const known = decoding.get(url);
  if (known) return known;
  const picture = new Image();
  picture.src = url;
  const decoded = picture.decode();
  decoding.set(url, decoded);
  // a failure is not kept: the next ask tries again
  decoded.catch(() => decoding.delete(url));
  if (decoding.size > KEPT) decoding.delete(decoding.keys().next().value as string);
  return decoded;
}
