/**
 * What "Clear filters" takes out of the search text: every top-level term a chip or the "More
 * filters" dialog reads (seed, stylize, chaos, weird, quality and rating ranges too), so nothing
 * either of them set stays in force; the words and any other term stay as typed.
 */
import type { Span } from '../../../shared/query/ast.ts';
import { chipSpans, withoutSpans } from './query-chips.ts';
import { rangeSpans } from './query-ranges.ts';

/** Each finder reads only the first term of a field; a query holds at most 32 terms, so this ends. */
const MAX_ROUNDS = 33;

function filterSpans(text: string): Span[] {
  const spans = [...chipSpans(text), ...rangeSpans(text)];
  // the rating chip's term is also the dialog's rating range: cut it once
  return spans.filter((span, i) => spans.findIndex((other) => other.from === span.from && other.to === span.to) === i);
}

/** True when a chip or the "More filters" dialog has a term in force. */
export function hasFilterTerms(text: string): boolean {
  return filterSpans(text).length > 0;
}

/** The text without every chip and "More filters" term, repeated ones included. */
export function withoutFilters(text: string): string {
  let rest = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const spans = filterSpans(rest);
    if (spans.length === 0) break;
    rest = withoutSpans(rest, spans);
  }
  return rest;
}
