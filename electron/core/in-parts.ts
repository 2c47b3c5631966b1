/**
 * A big write cut into parts, yielding a turn of the event loop between them so no write holds the
 * core's thread for long (one rule for image curation, collections and tags).
 */

/** `list` cut into consecutive parts of at most `size`. */
export const slices = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** Resolves on the next turn of the event loop, after waiting I/O and other requests have run. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes `items` in parts of `size` (each part its own transaction), yielding between them; answers
 * every part's results in order. The parts make one change: if one fails, `putBack` gets the results
 * of the parts before it to undo them, and the error goes on.
 */
export async function writeInParts<T, R>(items: readonly T[], size: number, write: (part: T[]) => R[], putBack: (done: R[]) => void): Promise<R[]> {
  const done: R[] = [];
  const all = slices(items, size);
  try {
    for (const [i, part] of all.entries()) {
      done.push(...write(part));
      if (i < all.length - 1) await nextTurn();
    }
  } catch (error) {
    putBack(done);
    throw error;
  }
  return done;
}
