/**
 * The "More filters" dialog and the search text are one query, as the chips are: each field shows
 * the top-level term of its number field (`seed:`, `stylize:`, `chaos:`, `weird:`, `q:`, `rating:`),
 * and saving rewrites only the terms whose fields changed, so what was typed otherwise stays as typed.
 */
import type { NumberField, QueryNode, RangeTerm, Span } from '../../../shared/query/ast.ts';
import { numberLimits } from '../../../shared/query/fields.ts';
import { parseQuery } from '../../../shared/query/parse.ts';
import { placeTerm } from './query-chips.ts';

/** The fields with a lowest and a highest box; the seed has one box ("Seed filter") for a seed or a range. */
export const rangeFields = ['stylize', 'chaos', 'weird', 'quality', 'rating'] as const;
export type RangeField = (typeof rangeFields)[number];

/** What the boxes hold, as typed ('' for empty). */
export type MoreFilters = { seed: string } & Record<RangeField, { min: string; max: string }>;

/** What each field is written as in the search text. */
const termNames: Record<NumberField, string> = { seed: 'seed', stylize: 'stylize', chaos: 'chaos', weird: 'weird', quality: 'q', rating: 'rating' };

export const emptyMoreFilters: MoreFilters = {
  seed: '',
  ...(Object.fromEntries(rangeFields.map((field) => [field, { min: '', max: '' }])) as Record<RangeField, { min: string; max: string }>),
};

/** The first top-level term of each number field, and whether the text is one OR at the top. */
function find(text: string): { terms: Partial<Record<NumberField, RangeTerm>>; topLevelOr: boolean } {
  const parsed = parseQuery(text);
  if (!parsed.ok || parsed.root === null) return { terms: {}, topLevelOr: false };
  const items: QueryNode[] = parsed.root.kind === 'and' ? parsed.root.items : [parsed.root];
  const terms: Partial<Record<NumberField, RangeTerm>> = {};
  for (const item of items) if (item.kind === 'range' && terms[item.field] === undefined) terms[item.field] = item;
  return { terms, topLevelOr: parsed.root.kind === 'or' };
}

/** A bound as the box shows it: `>500` of a whole field is 501; of quality the number itself. */
function shown(field: NumberField, bound: RangeTerm['lowest'], step: 1 | -1): string {
  if (bound === undefined) return '';
  return String(bound.included || !numberLimits[field].whole ? bound.value : bound.value + step);
}

/** Where the terms the boxes show are in the text (the first of each number field). */
export function rangeSpans(text: string): Span[] {
  return Object.values(find(text).terms);
}

/** What the boxes show for a search text. */
export function moreFilters(text: string): MoreFilters {
  const { terms } = find(text);
  const filters = structuredClone(emptyMoreFilters);
  const seed = terms.seed;
  if (seed) {
    const [low, high] = [shown('seed', seed.lowest, 1), shown('seed', seed.highest, -1)];
    filters.seed = low !== '' && low === high ? low : `${low}..${high}`;
  }
  for (const field of rangeFields) {
    const term = terms[field];
    if (term) filters[field] = { min: shown(field, term.lowest, 1), max: shown(field, term.highest, -1) };
  }
  return filters;
}

/** Why a box's number cannot be searched, or null when it can. */
function numberProblem(field: RangeField, value: string, box: string): string | null {
  if (value === '') return null;
  const { whole, max } = numberLimits[field];
  const n = Number(value);
  if (!/^\d*\.?\d+$/u.test(value) || !Number.isFinite(n) || n > max || (whole && !Number.isInteger(n))) {
    return `${box}: type a ${whole ? 'whole ' : ''}number from 0 to ${max}.`;
  }
  return null;
}

/** The labels of a field's boxes ("Stylize min" …): the generate panel has "Stylize", so these never collide. */
export const boxLabels = (field: RangeField) => {
  const label = numberLimits[field].label;
  return { min: `${label} min`, max: `${label} max` };
};

/** A field's term for the text ('' when both boxes are empty), or why it cannot be written. */
function termFor(field: NumberField, filters: MoreFilters): { term: string } | { problem: string } {
  const name = termNames[field];
  if (field === 'seed') {
    const seed = filters.seed.trim();
    if (seed === '') return { term: '' };
    const term = `seed:${seed}`;
    const parsed = /\s/u.test(seed) ? null : parseQuery(term);
    if (parsed === null || !parsed.ok || parsed.root?.kind !== 'range') return { problem: `Seed filter: type one seed (1234) or a range (100..200), whole numbers from 0 to ${numberLimits.seed.max}.` };
    return { term };
  }
  const min = filters[field].min.trim();
  const max = filters[field].max.trim();
  const labels = boxLabels(field);
  const problem = numberProblem(field, min, labels.min) ?? numberProblem(field, max, labels.max);
  if (problem !== null) return { problem };
  if (min !== '' && max !== '' && Number(min) > Number(max)) return { problem: `${labels.min} is above ${labels.max}: write the lower number first.` };
  if (min === '' && max === '') return { term: '' };
  if (max === '') return { term: `${name}:>=${min}` };
  if (min === '') return { term: `${name}:<=${max}` };
  return { term: Number(min) === Number(max) ? `${name}:${min}` : `${name}:${min}..${max}` };
}

const same = (a: MoreFilters, b: MoreFilters, field: NumberField) =>
  field === 'seed' ? a.seed.trim() === b.seed.trim() : a[field].min.trim() === b[field].min.trim() && a[field].max.trim() === b[field].max.trim();

/**
 * The search text with the boxes written in: only fields changed since `before` (what the text
 * showed when the dialog opened) are rewritten. Every problem, by field, when any box is wrong.
 */
export function withMoreFilters(text: string, before: MoreFilters, after: MoreFilters): { ok: true; text: string } | { ok: false; problems: Partial<Record<NumberField, string>> } {
  const problems: Partial<Record<NumberField, string>> = {};
  const changes: { field: NumberField; term: string }[] = [];
  for (const field of ['seed', ...rangeFields] as const) {
    if (same(before, after, field)) continue;
    const written = termFor(field, after);
    if ('problem' in written) problems[field] = written.problem;
    else changes.push({ field, term: written.term });
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  // one term at a time, each found again in the text the previous one left
  let next = text;
  for (const { field, term } of changes) {
    const { terms, topLevelOr } = find(next);
    next = placeTerm(next, terms[field], term, topLevelOr);
  }
  return { ok: true, text: next };
}
