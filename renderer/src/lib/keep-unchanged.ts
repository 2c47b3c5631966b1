import equal from 'fast-deep-equal';

/**
 * A new first page as the grid should take it: each generation equal to one already shown stays that
 * same object, and when the page holds the same generations in the same order, unchanged, the list
 * shown stays as it is. Every answer comes from the core as new objects, so without this each page
 * drew every tile again; as a word is typed its tail seldom changes what matches ("lighthou",
 * "lighthous", "lighthouse"), and on 2 cores at 1M drawing those pages again held up the keys and
 * the whole word's page (bench:ui). Memoized tiles (GenerationTile) skip a generation kept.
 */
export function keepUnchanged<T extends { id: number }>(shown: readonly T[], fresh: T[]): T[] {
  const byId = new Map(shown.map((item) => [item.id, item]));
  let same = shown.length === fresh.length;
  const kept = fresh.map((item, i) => {
    const old = byId.get(item.id);
    if (old === undefined || !equal(old, item)) {
      same = false;
      return item;
    }
    if (shown[i] !== old) same = false;
    return old;
  });
  return same ? (shown as T[]) : kept;
}
