/**
 * The filter chips and the search text are one query: a chip is pressed when the text holds its
 * term at the top level, and pressing one rewrites that term in the text (so editing the text
 * moves the chips, and the chips' choice can be read, edited and shared as text).
 */
import type { AspectRatio, Model } from '../../../shared/generation.ts';
import type { QueryNode, Span } from '../../../shared/query/ast.ts';
import { parseQuery } from '../../../shared/query/parse.ts';

export type DateChip = 'today' | 'week' | 'month';
export type RatingChip = 1 | 2 | 3 | 4 | 5;

export interface ChipState {
  favorite: boolean;
  /** Only the Sandbox's simulated generations (`is:simulated`). */
  simulated: boolean;
  models: Model[];
  aspectRatios: AspectRatio[];
  date: DateChip | null;
  /** "Rated N+" (`rating:>=N`); 5 is "Rated 5" (`rating:5`). One at a time. */
  rating: RatingChip | null;
  /** Failed runs (`status:failed`), which the gallery otherwise leaves out. */
  failed: boolean;
}

type Category = keyof ChipState;

interface Found {
  state: ChipState;
  /** Where each category's term was typed, to replace it. */
  spans: Partial<Record<Category, Span>>;
  /** The text is one OR at the top: a new term must not join its last branch only. */
  topLevelOr: boolean;
}

const modelTerms: Record<Model, string> = { 'midjourney-v7': 'model:v7', 'midjourney-v8': 'model:v8', 'midjourney-v7-niji': 'model:niji' };
const dateTerms: Record<DateChip, string> = { today: 'date:today', week: 'last:7d', month: 'last:30d' };

/** The values of a term, or of an OR made only of such terms; null when the node is something else. */
function valuesOf(node: QueryNode, kind: 'model' | 'aspect'): string[] | null {
  const valueOf = (item: QueryNode): string | null => ((item.kind === 'model' || item.kind === 'aspect') && item.kind === kind ? item.value : null);
  if (node.kind !== 'or') {
    const value = valueOf(node);
    return value === null ? null : [value];
  }
  const values = node.items.map(valueOf);
  return values.every((v): v is string => v !== null) ? values : null;
}

function dateOf(node: QueryNode): DateChip | null {
  if (node.kind !== 'date') return null;
  const range = node.range;
  if (range.type === 'today') return 'today';
  if (range.type === 'last' && range.unit === 'day' && (range.amount === 7 || range.amount === 30)) return range.amount === 7 ? 'week' : 'month';
  return null;
}

/** The rating chip a term presses: `rating:>=N` (or `rating:N..5`), and for 5 also `rating:5`. */
function ratingOf(node: QueryNode): RatingChip | null {
  if (node.kind !== 'range' || node.field !== 'rating' || node.lowest === undefined || !node.lowest.included) return null;
  const lowest = node.lowest.value;
  if (!Number.isInteger(lowest) || lowest < 1 || lowest > 5) return null;
  const upTo5 = node.highest === undefined || (node.highest.value >= 5 && (node.highest.included || node.highest.value > 5));
  return upTo5 ? (lowest as RatingChip) : null;
}

function find(text: string): Found {
  const found: Found = {
    state: { favorite: false, simulated: false, models: [], aspectRatios: [], date: null, rating: null, failed: false },
    spans: {},
    topLevelOr: false,
  };
  const parsed = parseQuery(text);
  if (!parsed.ok || parsed.root === null) return found;
  found.topLevelOr = parsed.root.kind === 'or';
  const items = parsed.root.kind === 'and' ? parsed.root.items : [parsed.root];
  for (const item of items) {
    const models = valuesOf(item, 'model');
    const ratios = valuesOf(item, 'aspect');
    const date = dateOf(item);
    const rating = ratingOf(item);
    if (item.kind === 'flag' && item.flag === 'favorite' && !found.spans.favorite) {
      found.state.favorite = true;
      found.spans.favorite = item;
    } else if (item.kind === 'flag' && item.flag === 'simulated' && !found.spans.simulated) {
      found.state.simulated = true;
      found.spans.simulated = item;
    } else if (models && !found.spans.models) {
      found.state.models = models as Model[];
      found.spans.models = item;
    } else if (ratios && !found.spans.aspectRatios) {
      found.state.aspectRatios = ratios as AspectRatio[];
      found.spans.aspectRatios = item;
    } else if (date && !found.spans.date) {
      found.state.date = date;
      found.spans.date = item;
    } else if (rating !== null && !found.spans.rating) {
      found.state.rating = rating;
      found.spans.rating = item;
    } else if (item.kind === 'status' && item.value === 'failed' && !found.spans.failed) {
      found.state.failed = true;
      found.spans.failed = item;
    }
  }
  return found;
}

/** Which chips the search text presses. */
export function chipState(text: string): ChipState {
  return find(text).state;
}

const anyOf = (terms: string[]) => (terms.length > 1 ? `(${terms.join(' OR ')})` : (terms[0] ?? ''));

function termOf<C extends Category>(category: C, value: ChipState[C]): string {
  switch (category) {
    case 'favorite':
      return value ? 'is:fav' : '';
    case 'simulated':
      return value ? 'is:simulated' : '';
    case 'models':
      return anyOf((value as Model[]).map((m) => modelTerms[m]));
    case 'aspectRatios':
      return anyOf((value as AspectRatio[]).map((r) => `ar:${r}`));
    case 'rating':
      return value === null ? '' : value === 5 ? 'rating:5' : `rating:>=${value as number}`;
    case 'failed':
      return value ? 'status:failed' : '';
    default:
      return value === null ? '' : dateTerms[value as DateChip];
  }
}

/** The search text with one chip category set to `value`: its old term replaced, the rest kept as typed. */
export function withChip<C extends Category>(text: string, category: C, value: ChipState[C]): string {
  const { spans, topLevelOr } = find(text);
  return placeTerm(text, spans[category], termOf(category, value), topLevelOr);
}

/**
 * The text with a top-level term written where `span` was (or taken out, for ''), or added at the
 * end, as one more condition: an OR at the top is bracketed first so the term holds for all of it.
 */
export function placeTerm(text: string, span: Span | undefined, term: string, topLevelOr: boolean): string {
  if (span !== undefined) return tidy(text.slice(0, span.from) + term + text.slice(span.to));
  if (term === '') return text;
  const base = tidy(text);
  if (base === '') return term;
  return `${topLevelOr ? `(${base})` : base} ${term}`;
}

/** Where the chip terms are in the text (the first of each category), to take them out. */
export function chipSpans(text: string): Span[] {
  return Object.values(find(text).spans);
}

/** The text with these spans cut out and the spaces tidied. */
export function withoutSpans(text: string, spans: readonly Span[]): string {
  const cut = [...spans].sort((a, b) => b.from - a.from);
  return tidy(cut.reduce((rest, span) => rest.slice(0, span.from) + rest.slice(span.to), text));
}

const tidy = (text: string) => text.replace(/\s+/gu, ' ').trim();
