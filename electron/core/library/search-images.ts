/**
 * The search terms about single images (`is:fav`, `is:rejected`, `rating:`, `in:"Collection"`,
 * whose members are images: a bit per image), compiled to SQL with
 * placeholders only. The image terms of one AND must hold for the same image, so they become one
 * EXISTS over the generation's images; beside it go the conditions on the generation's summary
 * columns they imply (cheap, and a page can walk their index), and where the summary alone decides
 * a term (`is:fav`, `rating:>=4`) there is no EXISTS at all.
 */
import type { QueryNode, RangeTerm } from '../../../shared/query/ast.ts';
import { memberCondition } from './member-order.ts';
import type { Condition } from './search-query.ts';

const isImageTerm = (node: QueryNode): boolean =>
  (node.kind === 'flag' && (node.flag === 'favorite' || node.flag === 'rejected')) ||
  (node.kind === 'range' && node.field === 'rating') ||
  node.kind === 'collection';

/**
 * The collection's row of a generation `g`, by the collection's name (a binned collection holds
 * nothing). The collection is found once per search (an uncorrelated subquery), then each row is
 * one lookup of the members' key: joined per image instead, SQLite scanned the collections each time.
 */
const membersOf = (generation: string) =>
  `SELECT m.images FROM collection_members m
   WHERE m.collection_id = (SELECT id FROM collections WHERE name = ? AND deleted_at IS NULL) AND m.generation_id = ${generation}`;

/** Whether the node speaks only of single images (an image term, or and/or/not of such). */
export function isImageOnly(node: QueryNode): boolean {
  if (node.kind === 'and' || node.kind === 'or') return node.items.every(isImageOnly);
  if (node.kind === 'not') return isImageOnly(node.item);
  return isImageTerm(node);
}

function bounds(term: RangeTerm, column: string): Condition[] {
  const parts: Condition[] = [];
  if (term.lowest) parts.push({ sql: `${column} ${term.lowest.included ? '>=' : '>'} ?`, values: [term.lowest.value] });
  if (term.highest) parts.push({ sql: `${column} ${term.highest.included ? '<=' : '<'} ?`, values: [term.highest.value] });
  return parts;
}

const all = (parts: Condition[], operator: 'AND' | 'OR'): Condition => ({
  sql: `(${parts.map((p) => p.sql).join(` ${operator} `)})`,
  values: parts.flatMap((p) => p.values),
});

/**
 * The items of an AND or OR with collection terms last: SQLite tests them in the order written, and
 * a collection's is a lookup of the member row where the others read the image's own row, so
 * `in:X is:fav` no longer looks up every image of a favourite generation before its own flag.
 */
const cheapFirst = (items: readonly QueryNode[]): QueryNode[] => [...items.filter((item) => item.kind !== 'collection'), ...items.filter((item) => item.kind === 'collection')];

/** The node as a condition on one image `i`. */
function onImage(node: QueryNode): Condition {
  switch (node.kind) {
    case 'and':
    case 'or':
      return all(cheapFirst(node.items).map(onImage), node.kind === 'and' ? 'AND' : 'OR');
    case 'not': {
      const inner = onImage(node.item);
      // an unrated image compares as unknown: count it as false before NOT
      return { sql: `NOT coalesce(${inner.sql}, 0)`, values: inner.values };
    }
    case 'flag':
      return { sql: node.flag === 'favorite' ? 'i.favorite = 1' : 'i.rejected = 1', values: [] };
    case 'range':
      return all(bounds(node, 'i.rating'), 'AND');
    case 'collection':
      // the image's bit in its generation's member row (none: not a member)
      return { sql: `coalesce((${membersOf('i.generation_id')}) >> i.idx & 1, 0)`, values: [node.name] };
    default:
      throw new Error(`not an image term: ${node.kind}`);
  }
}

/**
 * What a plain term implies for its generation's summary (literals where an index should serve);
 * `id` is how the page reads ids (`+g.id`: walk the date index and test membership, see search-query.ts).
 */
function summaryOf(node: QueryNode, id: '+g.id' | 'g.id'): { conditions: Condition[]; decides: boolean } {
  if (node.kind === 'flag' && node.flag === 'favorite') return { conditions: [{ sql: 'g.favorite = 1', values: [] }], decides: true };
  if (node.kind === 'flag' && node.flag === 'rejected') return { conditions: [{ sql: 'g.culled_images > 0', values: [] }], decides: false };
  if (node.kind === 'range') {
    // an image rated at least n exists exactly when the best rating is at least n; an upper bound needs the images
    const lowest = node.lowest ? bounds({ ...node, highest: undefined }, 'g.best_rating') : [{ sql: 'g.best_rating IS NOT NULL', values: [] }];
    return { conditions: lowest, decides: node.highest === undefined };
  }
  if (node.kind === 'collection') {
    // a member row holds at least one image's bit, so alone it decides (a run filed by "Generate into"
    // is a member before its images exist); beside other image terms the same image must hold them all
    return { conditions: [memberCondition({ list: 'collection', name: node.name }, id)], decides: true };
  }
  return { conditions: [], decides: false };
}

/** The image-only items of one AND as conditions on `g`: one generation matches when one of its images holds them all. */
export function imageConditions(items: readonly QueryNode[], id: '+g.id' | 'g.id'): Condition[] {
  const summaries = items.map((item) => summaryOf(item, id));
  const conditions = summaries.flatMap((s) => s.conditions);
  if (items.length === 1 && summaries[0]?.decides) return conditions;
  const each = all(cheapFirst(items).map(onImage), 'AND');
  conditions.push({
    sql: `EXISTS (SELECT 1 FROM images i WHERE i.generation_id = g.id AND i.deleted_at IS NULL AND ${each.sql})`,
    values: each.values,
  });
  return conditions;
}
