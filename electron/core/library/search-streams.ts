/**
 * OR across words and fields, read as date-ordered streams: `axolotl OR is:fav` as one condition
 * walks the date index testing each row against the word's whole match list (built first: 40-50 ms
 * at 1,000,000 generations, more for a common word). Split instead into its branches, each branch
 * reads its own index in date order and stops after a page (the word the text index, `is:fav` the
 * favourites' index), and the pages are merged: the first page of an OR is among the first page of
 * each of its branches. An AND holding such an OR is distributed over it (`castle (fog OR is:fav)`
 * is `castle fog` OR `castle is:fav`), so the words beside it still read the text index.
 */
import type { QueryNode } from '../../../shared/query/ast.ts';
import { isImageOnly } from './search-images.ts';
import { isTextOnly } from './search-query.ts';

/** Branches read at most: past this an OR is one condition again (each branch is a statement). */
export const MOST_STREAMS = 8;

/** Whether an OR mixes what the text index answers alone with what it cannot (a field, an exclusion). */
function mixed(node: QueryNode): node is QueryNode & { kind: 'or' } {
  return node.kind === 'or' && node.items.length <= MOST_STREAMS && node.items.some(isTextOnly) && !node.items.every(isTextOnly);
}

/** Whether the tree holds an image term anywhere (whose AND must hold for one image). */
function holdsImageTerm(node: QueryNode): boolean {
  if (node.kind === 'and' || node.kind === 'or') return node.items.some(holdsImageTerm);
  if (node.kind === 'not') return holdsImageTerm(node.item);
  return isImageOnly(node);
}

/**
 * The trees whose matches together are the tree's, each readable in date order by its own index;
 * null when the tree is best read as one. Distributing an AND never puts image terms of the AND and
 * of a branch into one AND (they would then have to hold for the same image, which they need not).
 */
export function streamsOf(root: QueryNode | null): QueryNode[] | null {
  if (root === null) return null;
  if (mixed(root)) return root.items;
  if (root.kind !== 'and') return null;
  const at = root.items.findIndex(mixed);
  const or = root.items[at];
  if (or === undefined || or.kind !== 'or') return null;
  const rest = root.items.filter((_, i) => i !== at);
  if (rest.some(isImageOnly) && or.items.some(holdsImageTerm)) return null;
  return or.items.map((branch) => {
    const items = [...rest, ...(branch.kind === 'and' ? branch.items : [branch])];
    return { kind: 'and', items, from: root.from, to: root.to };
  });
}
