/**
 * Compiles the search language's tree (shared/query) to SQL conditions on `generations g`, with
 * placeholders only: no typed text or number ever becomes SQL. Text terms meet FTS5 as quoted
 * strings, so nothing typed reaches FTS5's own syntax; and every run of text terms that FTS5 can
 * say by itself (AND, OR, a NOT beside a positive term) is folded into one MATCH expression, so a
 * plain word search keeps the one-MATCH shape the page plans rely on.
 */
import type { FlagTerm, NumberField, QueryNode, Term, TextTerm } from '../../../shared/query/ast.ts';
import { momentsOf } from '../../../shared/query/dates.ts';
import { imageConditions, isImageOnly } from './search-images.ts';

/** The flags a generation's own column answers; `favorite` and `rejected` are an image's (search-images.ts). */
const flagSql: Record<Exclude<FlagTerm['flag'], 'favorite' | 'rejected'>, string> = {
  raw: 'g.effective_raw = 1',
  simulated: "g.source = 'sandbox'",
};

/** SQL for one condition and the values of its placeholders, in order. */
export interface Condition {
  sql: string;
  values: unknown[];
}

/** What a compile needs besides the tree: the request's clock and zone, and how the page reads ids. */
export interface QueryContext {
  now: number;
  utcOffsetMinutes: number;
  /** `+g.id` for a page (walk the date index, stop early), `g.id` for a count (look matches up by id). */
  id: '+g.id' | 'g.id';
}

const FTS_COLUMN = { prompt: 'effective_prompt', negative: 'effective_negative_prompt' } as const;

const NUMBER_COLUMN: Record<Exclude<NumberField, 'rating'>, string> = {
  seed: 'g.effective_seed',
  stylize: 'g.effective_stylize',
  chaos: 'g.effective_chaos',
  weird: 'g.effective_weird',
  quality: 'g.effective_quality',
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

/** Text items of an AND folded into one MATCH (positives, less the excluded), the others left apart. */
function splitText(items: readonly QueryNode[]): { match: string | null; excludeOnly: string | null; rest: QueryNode[] } {
  const positive: string[] = [];
  const negative: string[] = [];
  const rest: QueryNode[] = [];
  for (const item of items) {
    const inner = item.kind === 'not' ? ftsOf(item.item) : null;
    const fts = item.kind === 'not' ? null : ftsOf(item);
    if (fts !== null) positive.push(fts);
    else if (inner !== null) negative.push(inner);
    else rest.push(item);
  }
  const excluded = negative.length === 0 ? null : negative.join(' OR ');
  if (positive.length === 0) return { match: null, excludeOnly: excluded, rest };
  const match = positive.join(' AND ');
  return { match: excluded === null ? match : `(${match}) NOT (${excluded})`, excludeOnly: null, rest };
}

/** The node as conditions that must all hold (an AND gives several, so the planner sees each). */
export function compileQuery(node: QueryNode, context: QueryContext): Condition[] {
  if (node.kind !== 'and') return [compile(node, context)];
  const { match, excludeOnly, rest } = splitText(node.items);
  const conditions: Condition[] = [];
  if (match !== null) conditions.push(matching(match, context));
  if (excludeOnly !== null) conditions.push(notMatching(excludeOnly));
  // image terms of one AND must hold for the same image: they share one condition
  const images = rest.filter(isImageOnly);
  if (images.length > 0) conditions.push(...imageConditions(images));
  for (const item of rest) if (!isImageOnly(item)) conditions.push(...compileQuery(item, context));
  return conditions;
}

const matching = (match: string, context: QueryContext): Condition => ({
  sql: `${context.id} IN (SELECT rowid FROM generations_fts WHERE generations_fts MATCH ?)`,
  values: [match],
});
// MATCH cannot say "everything except": exclude the matching rows instead
const notMatching = (match: string): Condition => ({
  sql: 'g.id NOT IN (SELECT rowid FROM generations_fts WHERE generations_fts MATCH ?)',
  values: [match],
});

function join(conditions: Condition[], operator: 'AND' | 'OR'): Condition {
  return { sql: `(${conditions.map((c) => c.sql).join(` ${operator} `)})`, values: conditions.flatMap((c) => c.values) };
}

function compile(node: QueryNode, context: QueryContext): Condition {
  const fts = ftsOf(node);
  if (fts !== null) return matching(fts, context);
  if (isImageOnly(node)) return join(imageConditions([node]), 'AND');
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
      if (inner !== null) return notMatching(inner);
      const condition = compile(node.item, context);
      // a comparison with an unset (NULL) stylize is unknown, and NOT unknown is unknown: count it as false first
      return { sql: `NOT coalesce(${condition.sql}, 0)`, values: condition.values };
    }
    case 'text':
      return matching(ftsTerm(node), context);
    default:
      return termCondition(node, context);
  }
}

function termCondition(term: Exclude<Term, TextTerm>, context: QueryContext): Condition {
  switch (term.kind) {
    case 'range': {
      if (term.field === 'rating') return join(imageConditions([term]), 'AND');
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
    case 'flag':
      // raw and simulated are the generation's (literals, so the partial indexes can serve them); favourite and rejected an image's
      return term.flag === 'favorite' || term.flag === 'rejected' ? join(imageConditions([term]), 'AND') : { sql: flagSql[term.flag], values: [] };
    case 'tag':
      return { sql: `${context.id} IN (SELECT gt.generation_id FROM generation_tags gt JOIN tags t ON t.id = gt.tag_id WHERE t.name = ?)`, values: [term.name] };
    case 'collection':
      return {
        sql: `${context.id} IN (SELECT m.generation_id FROM collection_members m JOIN collections c ON c.id = m.collection_id WHERE c.name = ? AND c.deleted_at IS NULL)`,
        values: [term.name],
      };
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

/** Whether the tree asks about rejected images anywhere: then "Hide rejected" gives way to it. */
export function namesRejected(node: QueryNode | null): boolean {
  return names(node, (n) => n.kind === 'flag' && n.flag === 'rejected');
}
