/**
 * The search query as a tree: what the parser makes of the artist's text and what the library
 * compiles to SQL. Every node keeps where it was typed (`from`, `to`) so the chips can rewrite it.
 */
import type { AspectRatio, GenerationStatus, Model } from '../generation.ts';

export interface Span {
  from: number;
  to: number;
}

/** Words of the prompt (`column: 'prompt'`) or of the negative prompt (`no:`). */
export interface TextTerm extends Span {
  kind: 'text';
  column: 'prompt' | 'negative';
  /** The words as typed; several words are a phrase (they follow one another). */
  text: string;
  /** Quoted: the last word is the whole word; otherwise it only has to start with what was typed. */
  exact: boolean;
}

/** `rating` is a single image's: it holds for one image, with the other image terms beside it. */
export type NumberField = 'seed' | 'stylize' | 'chaos' | 'weird' | 'quality' | 'rating';

export interface Bound {
  value: number;
  /** `>=`/`<=`, a..b and a single value include the bound; `>` and `<` do not. */
  included: boolean;
}

/** A number field within bounds (a single value is both bounds, included); a missing bound is open. */
export interface RangeTerm extends Span {
  kind: 'range';
  field: NumberField;
  lowest?: Bound;
  highest?: Bound;
}

export interface AspectTerm extends Span {
  kind: 'aspect';
  value: AspectRatio;
}

export interface ModelTerm extends Span {
  kind: 'model';
  value: Model;
}

export interface FlagTerm extends Span {
  kind: 'flag';
  /** `favorite` and `rejected` are a single image's; `raw` and `simulated` the generation's. */
  flag: 'raw' | 'favorite' | 'rejected' | 'simulated';
}

export interface StatusTerm extends Span {
  kind: 'status';
  value: GenerationStatus;
}

/** A local calendar day: the library turns it into moments with the artist's time zone. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

/** When a generation was made, in the artist's local days; resolved against "now" only when searching. */
export type DateRange =
  | { type: 'today' }
  | { type: 'yesterday' }
  /** From the start of `from` up to (not including) the start of `before`; either may be open. */
  | { type: 'days'; from?: Day; before?: Day }
  /** The last `amount` of `unit` until now. */
  | { type: 'last'; amount: number; unit: 'hour' | 'day' | 'week' };

export interface DateTerm extends Span {
  kind: 'date';
  range: DateRange;
}

/** `tag:portrait`: generations carrying the tag (any case). */
export interface TagTerm extends Span {
  kind: 'tag';
  name: string;
}

/** `in:"Collection name"`: generations with an image in the collection (any case). */
export interface CollectionTerm extends Span {
  kind: 'collection';
  name: string;
}

/** The runs of one batch (`batch:12`): what one bulk Generate made. */
export interface BatchTerm extends Span {
  kind: 'batch';
  id: number;
}

/** The reruns stacked with one generation (`stack:42`), that generation included: an opened stack. */
export interface StackTerm extends Span {
  kind: 'stack';
  id: number;
}

export type Term = TextTerm | RangeTerm | AspectTerm | ModelTerm | FlagTerm | StatusTerm | DateTerm | TagTerm | CollectionTerm | BatchTerm | StackTerm;

export interface AndNode extends Span {
  kind: 'and';
  items: QueryNode[];
}
export interface OrNode extends Span {
  kind: 'or';
  items: QueryNode[];
}
export interface NotNode extends Span {
  kind: 'not';
  item: QueryNode;
}

export type QueryNode = Term | AndNode | OrNode | NotNode;

/** Why the text cannot be searched, in the artist's words, and where (to underline it). */
export interface QueryProblem extends Span {
  message: string;
}

export type ParsedQuery =
  | {
      ok: true;
      /** null when nothing searchable was typed (every generation matches). */
      root: QueryNode | null;
      /** Parts that hold nothing searchable (punctuation, emoji) and were left out, as typed. */
      ignored: string[];
    }
  | { ok: false; problem: QueryProblem };

export const MAX_QUERY_TERMS = 32;
export const MAX_QUERY_DEPTH = 8;
