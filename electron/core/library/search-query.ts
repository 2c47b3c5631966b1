/**
 * Compiles the search language's tree (shared/query) to SQL conditions on `generations g`, with
 * placeholders only: no typed text or number ever becomes SQL. Text terms meet FTS5 as quoted
 * strings, so nothing typed reaches FTS5's own syntax; and every run of text terms that FTS5 can
 * say by itself (AND, OR, a NOT beside a positive term) is folded into one MATCH expression, so a
 * plain word search keeps the one-MATCH shape the page plans rely on.
 */
import type { FlagTerm, NumberField, QueryNode, Term, TextTerm } from '../../../shared/query/ast.ts';
import { momentsOf } from '../../../shared/query/dates.ts';
import { MIDJOURNEY_DEFAULTS } from '../../../shared/generation.ts';
import { imageConditions, isImageOnly } from './search-images.ts';
import { memberCondition, type Member } from './member-order.ts';

/** The flags a generation's own column answers; `favorite` and `rejected` are an image's (search-images.ts). */
const flagSql: Record<Exclude<FlagTerm['flag'], 'favorite' | 'rejected'>, string> = {
  raw: 'g.effective_raw = 1',
  simulated: "g.source = 'sandbox'",
};
import { checkOf, LONGEST_INDEXED_PREFIX, wordsOf } from './search-words.ts';

/** SQL for one condition and the values of its placeholders, in order. */
export interface Condition {
  sql: string;
  values: unknown[];
  /**
   * Set on a condition of the top level that reads "in the index's matches of this MATCH" (date-ordered
   * index only): a page may read the index by it in date order and stop early, instead of `sql`.
   */
  match?: string;
  /** Set on a condition of the top level that reads "a member of this tag or collection": a page may walk that list in date order instead. */
  member?: Member;
}

/** What a compile needs besides the tree: the request's clock and zone, and how the page reads ids. */
export interface QueryContext {
  now: number;
  utcOffsetMinutes: number;
  /** `+g.id` for a page (walk the date index, stop early), `g.id` for a count (look matches up by id). */
  id: '+g.id' | 'g.id';
  /** `dated` (migration 7's index, once it holds every generation) or `legacy` (migration 2's, until then). */
  index: 'dated' | 'legacy';
}

const FTS_COLUMN = { prompt: 'effective_prompt', negative: 'effective_negative_prompt' } as const;

/**
 * A setting as Midjourney used it: unset (NULL) is its default (shared/generation.ts), so a range
 * such as `chaos:..50` finds the runs left at the default chaos, as the detail view's "default" reads.
 * The filter chips compare the same way (search-engine.ts).
 */
export const settingSql = (name: keyof typeof MIDJOURNEY_DEFAULTS) => `coalesce(g.effective_${name}, ${MIDJOURNEY_DEFAULTS[name]})`;

const NUMBER_COLUMN: Record<Exclude<NumberField, 'rating'>, string> = {
  seed: 'g.effective_seed',
  stylize: settingSql('stylize'),
  chaos: settingSql('chaos'),
  weird: settingSql('weird'),
  quality: settingSql('quality'),
};

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** A text term as FTS5 reads it: the column, the quoted words, `*` when the last word is a word start. */
function ftsTerm(term: TextTerm): string {
  return `${FTS_COLUMN[term.column]} : ${quote(term.text)}${term.exact ? '' : '*'}`;
}

/** The node as one FTS5 expression, or null when it holds a field term or a NOT FTS5 cannot say alone. */
function ftsOf(node: QueryNode): string | null {
  switch (node.kind) {
    case 'text':
      return ftsTerm(node);
    case 'or': {
      const parts = node.items.map(ftsOf);
      return parts.every((p) => p !== null) ? `(${parts.join(' OR ')})` : null;
    }
    case 'and': {
      const split = splitText(node.items);
      return split.rest.length === 0 && split.match !== null ? split.match : null;
    }
    default:
      return null;
  }
}

/** Whether the node is words alone, which the text index answers by itself (one MATCH). */
export function isTextOnly(node: QueryNode): boolean {
  return ftsOf(node) !== null;
}

/** A word start the prefix indexes cannot serve whole: FTS5 would list every match of it first. */
const tooLong = (term: TextTerm) => !term.exact && (wordsOf(term.text).at(-1)?.length ?? 0) > LONGEST_INDEXED_PREFIX;

/** Whether a text-only tree holds a word start too long for the prefix indexes. */
function holdsTooLong(node: QueryNode): boolean {
  if (node.kind === 'text') return tooLong(node);
  if (node.kind === 'and' || node.kind === 'or') return node.items.some(holdsTooLong);
  return node.kind === 'not' && holdsTooLong(node.item);
}

/**
 * A MATCH finding every row the text-only tree finds, and maybe more, that the prefix indexes
 * serve: too-long word starts cut to 6 characters, exclusions left out. Null when it would match
 * everything (nothing but exclusions).
 */
function wider(node: QueryNode): string | null {
  switch (node.kind) {
    case 'text': {
      if (!tooLong(node)) return ftsTerm(node);
      const words = wordsOf(node.text);
      const last = words.pop() ?? '';
      return `${FTS_COLUMN[node.column]} : ${quote([...words, last.slice(0, LONGEST_INDEXED_PREFIX)].join(' '))}*`;
    }
    case 'or': {
      const parts = node.items.map(wider);
      return parts.every((p) => p !== null) ? `(${parts.join(' OR ')})` : null;
    }
    case 'and': {
      const parts = node.items.map(wider).filter((p) => p !== null);
      return parts.length === 0 ? null : `(${parts.join(' AND ')})`;
    }
    default:
      return null;
  }
}

/** Text items of an AND folded into one MATCH (positives, less the excluded), the others left apart. */
function splitText(items: readonly QueryNode[]): {
  match: string | null;
  excludeOnly: string | null;
  /** The text items folded (into `match` or `excludeOnly`), as a tree of their own. */
  text: QueryNode | null;
  rest: QueryNode[];
} {
  const positive: string[] = [];
  const negative: string[] = [];
  const text: QueryNode[] = [];
  const rest: QueryNode[] = [];
  for (const item of items) {
    const inner = item.kind === 'not' ? ftsOf(item.item) : null;
    const fts = item.kind === 'not' ? null : ftsOf(item);
    if (fts !== null) positive.push(fts);
    else if (inner !== null) negative.push(inner);
    else {
      rest.push(item);
      continue;
    }
    text.push(item);
  }
  const first = text[0];
  const folded: QueryNode | null = first === undefined ? null : { kind: 'and', items: text, from: first.from, to: text.at(-1)?.to ?? first.to };
  const excluded = negative.length === 0 ? null : negative.join(' OR ');
  if (positive.length === 0) return { match: null, excludeOnly: excluded, text: folded, rest };
  const match = positive.join(' AND ');
  return { match: excluded === null ? match : `(${match}) NOT (${excluded})`, excludeOnly: null, text: folded, rest };
}

/** The node as conditions that must all hold (an AND gives several, so the planner sees each). */
export function compileQuery(node: QueryNode, context: QueryContext): Condition[] {
  if (node.kind !== 'and') {
    if (checksRows(context) && ftsOf(node) !== null) return textConditions(node, context);
    // each apart, so a marked one (a collection's membership) stays marked
    if (isImageOnly(node)) return imageConditions([node], context.id);
    return [compile(node, context)];
  }
  const { match, excludeOnly, text, rest } = splitText(node.items);
  const conditions: Condition[] = [];
  if (checksRows(context) && text !== null) conditions.push(...textConditions(text, context));
  else {
    if (match !== null) conditions.push(matching(match, context));
    if (excludeOnly !== null) conditions.push(notMatching(excludeOnly, context));
  }
  // image terms of one AND must hold for the same image: they share one condition
  const images = rest.filter(isImageOnly);
  if (images.length > 0) conditions.push(...imageConditions(images, context.id));
  for (const item of rest) if (!isImageOnly(item)) conditions.push(...compileQuery(item, context));
  return conditions;
}

const CHECK = 'search_text_holds(g.effective_prompt, g.effective_negative_prompt, ?)';

/**
 * Whether text is matched the page's way on the date-ordered index: a MATCH the indexes serve plus
 * the word check on the page's rows. A count visits every match anyway, so it lists them by the
 * exact MATCH instead (a check of every row would cost more), as the old index always did.
 */
const checksRows = (context: QueryContext) => context.index === 'dated' && context.id === '+g.id';

/**
 * A text-only tree on the date-ordered index: one MATCH the indexes serve (marked, so a page can
 * read the index by it), and the word check (search-words.ts) when that MATCH finds more than the
 * tree (too-long word starts, exclusions beside them) or when the tree only excludes.
 */
function textConditions(node: QueryNode, context: QueryContext): Condition[] {
  const check = checkOf(node) ?? '[]';
  if (!holdsTooLong(node)) {
    const exact = ftsOf(node);
    if (exact !== null) return [{ ...matching(exact, context), match: exact }];
  }
  const match = wider(node);
  const checked = { sql: CHECK, values: [check] };
  return match === null ? [checked] : [{ ...matching(match, context), match }, checked];
}

/** The ids of the generations a MATCH finds, from whichever index is in force. */
const matchedIds = (context: QueryContext) =>
  context.index === 'dated'
    ? 'SELECT o.generation_id FROM generations_search s JOIN search_order o ON o.key = s.rowid WHERE generations_search MATCH ?'
    : 'SELECT rowid FROM generations_fts WHERE generations_fts MATCH ?';
const matching = (match: string, context: QueryContext): Condition => ({ sql: `${context.id} IN (${matchedIds(context)})`, values: [match] });
// MATCH cannot say "everything except": exclude the matching rows instead (a page on the
// date-ordered index checks its rows' own words instead, see notChecked)
const notMatching = (match: string, context: QueryContext): Condition => ({ sql: `g.id NOT IN (${matchedIds(context)})`, values: [match] });
const notChecked = (node: QueryNode): Condition => ({ sql: `NOT ${CHECK}`, values: [checkOf(node) ?? '[]'] });

/** A text-only tree as one condition (inside OR or NOT): the MATCH, and the word check when it finds more. */
function textCondition(node: QueryNode, fts: string, context: QueryContext): Condition {
  if (!checksRows(context)) return matching(fts, context);
  const conditions = textConditions(node, context).map(({ sql, values }) => ({ sql, values }));
  return conditions.length === 1 && conditions[0] ? conditions[0] : join(conditions, 'AND');
}

function join(conditions: Condition[], operator: 'AND' | 'OR'): Condition {
  return { sql: `(${conditions.map((c) => c.sql).join(` ${operator} `)})`, values: conditions.flatMap((c) => c.values) };
}

function compile(node: QueryNode, context: QueryContext): Condition {
  const fts = ftsOf(node);
  if (fts !== null) return textCondition(node, fts, context);
  if (isImageOnly(node)) return join(imageConditions([node], context.id), 'AND');
  switch (node.kind) {
    case 'and':
      return join(compileQuery(node, context), 'AND');
    case 'or':
      return join(
        node.items.map((item) => compile(item, context)),
        'OR',
      );
    case 'not': {
      const inner = ftsOf(node.item);
      if (inner !== null) return checksRows(context) ? notChecked(node.item) : notMatching(inner, context);
      const condition = compile(node.item, context);
      // a comparison with NULL (a column left unset) is unknown, and NOT unknown is unknown: count it as false first
      return { sql: `NOT coalesce(${condition.sql}, 0)`, values: condition.values };
    }
    case 'text':
      return textCondition(node, ftsTerm(node), context);
    default:
      return termCondition(node, context);
  }
}

function termCondition(term: Exclude<Term, TextTerm>, context: QueryContext): Condition {
  switch (term.kind) {
    case 'range': {
      if (term.field === 'rating') return join(imageConditions([term], context.id), 'AND');
      const column = NUMBER_COLUMN[term.field];
      const parts: Condition[] = [];
      if (term.lowest) parts.push({ sql: `${column} ${term.lowest.included ? '>=' : '>'} ?`, values: [term.lowest.value] });
      if (term.highest) parts.push({ sql: `${column} ${term.highest.included ? '<=' : '<'} ?`, values: [term.highest.value] });
      return parts.length === 1 && parts[0] ? parts[0] : join(parts, 'AND');
    }
    case 'aspect':
      return { sql: 'g.effective_aspect_ratio = ?', values: [term.value] };
    case 'model':
      return { sql: 'g.effective_model = ?', values: [term.value] };
    case 'status':
      return { sql: 'g.status = ?', values: [term.value] };
    case 'batch':
      return { sql: 'g.batch_id = ?', values: [term.id] };
    case 'stack':
      // the generation itself, and every member of its stack (stacks.ts); a generation in no stack is alone
      return {
        sql: `(g.id = ? OR ${context.id} IN (SELECT m.generation_id FROM stack_members own JOIN stack_members m ON m.stack_key = own.stack_key WHERE own.generation_id = ?))`,
        values: [term.id, term.id],
      };
    case 'flag':
      // raw and simulated are the generation's (literals, so the partial indexes can serve them); favourite and rejected an image's
      return term.flag === 'favorite' || term.flag === 'rejected' ? join(imageConditions([term], context.id), 'AND') : { sql: flagSql[term.flag], values: [] };
    case 'tag':
      return memberCondition({ list: 'tag', name: term.name }, context.id);
    case 'collection':
      // a collection holds images (search-images.ts)
      return join(imageConditions([term], context.id), 'AND');
    case 'date': {
      const moments = momentsOf(term.range, context.now, context.utcOffsetMinutes);
      const parts: Condition[] = [];
      if (moments.from !== undefined) parts.push({ sql: 'g.created_at >= ?', values: [moments.from] });
      if (moments.before !== undefined) parts.push({ sql: 'g.created_at < ?', values: [moments.before] });
      return parts.length === 1 && parts[0] ? parts[0] : join(parts, 'AND');
    }
  }
}

/** Whether the tree holds a term anywhere that `is` says yes to. */
function names(node: QueryNode | null, is: (node: QueryNode) => boolean): boolean {
  if (node === null) return false;
  if (is(node)) return true;
  if (node.kind === 'and' || node.kind === 'or') return node.items.some((item) => names(item, is));
  return node.kind === 'not' && names(node.item, is);
}

/** Whether the tree names a status anywhere: then the search's default statuses give way to it. */
export function namesStatus(node: QueryNode | null): boolean {
  return names(node, (n) => n.kind === 'status');
}

/** Whether the tree holds a word anywhere (read through the text index, not walked in another order). */
export function namesText(node: QueryNode | null): boolean {
  return names(node, (n) => n.kind === 'text');
}

/** A term whose own partial index walks by date: model, ratio, favourites, simulated (see `narrows`). */
const hasOwnIndex = (node: QueryNode) =>
  node.kind === 'model' || node.kind === 'aspect' || (node.kind === 'flag' && (node.flag === 'favorite' || node.flag === 'simulated'));

/**
 * Whether every result must hold a term with its own date-walking index (at the top level or in a
 * nested AND; never inside OR or NOT, where no one index finds them all): then that index narrows
 * more than the status one, which nearly every generation passes.
 */
export function narrows(node: QueryNode | null): boolean {
  if (node === null) return false;
  if (node.kind === 'and') return node.items.some(narrows);
  return hasOwnIndex(node);
}

/**
 * Whether the tree holds a term on which reruns may differ (their images' curation, tags,
 * collections, dates, batch) or opens a stack: then a stacked page would hide members that match
 * behind a head that does not, so the search shows every match unstacked.
 */
export function namesMemberTerm(node: QueryNode | null): boolean {
  return names(
    node,
    (n) =>
      n.kind === 'tag' || n.kind === 'collection' || n.kind === 'date' || n.kind === 'batch' || n.kind === 'stack' ||
      (n.kind === 'flag' && (n.flag === 'favorite' || n.flag === 'rejected')) || (n.kind === 'range' && n.field === 'rating'),
  );
}

/** Whether the tree asks about rejected images anywhere: then "Hide rejected" gives way to it. */
export function namesRejected(node: QueryNode | null): boolean {
  return names(node, (n) => n.kind === 'flag' && n.flag === 'rejected');
}
