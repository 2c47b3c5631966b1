/**
 * What each `field:value` term of the search means. One table of field names, so the error for an
 * unknown field and the syntax help list the same fields.
 */
import { aspectRatios, generationStatuses, type AspectRatio, type GenerationStatus, type Model } from '../generation.ts';
import { wholeNumberRules } from '../param-rules.ts';
import type { Bound, DateRange, Day, FlagTerm, NumberField, Span, Term } from './ast.ts';

/** Every field an artist can type, with its aliases; the first name of each is the one shown. */
export const queryFields = [
  ['seed'],
  ['ar', 'aspect'],
  ['model', 'm'],
  ['stylize', 's'],
  ['chaos', 'c'],
  ['weird', 'w'],
  ['q', 'quality'],
  ['rating', 'stars'],
  ['is'],
  ['no'],
  ['status'],
  ['date'],
  ['after'],
  ['before'],
  ['last'],
  ['tag'],
  ['in'],
  ['batch'],
  ['stack'],
] as const;

type FieldName = (typeof queryFields)[number][0];

const fieldOf = new Map<string, FieldName>(queryFields.flatMap((names) => names.map((name) => [name, names[0]] as const)));

/** Each number field's label and highest value (the lowest is 0), and whether it is whole: the "More filters" dialog reads the same limits. */
export const numberLimits: Record<NumberField, { label: string; max: number; whole: boolean }> = {
  seed: { ...wholeNumberRules.seed, whole: true },
  stylize: { ...wholeNumberRules.stylize, whole: true },
  chaos: { ...wholeNumberRules.chaos, whole: true },
  weird: { ...wholeNumberRules.weird, whole: true },
  quality: { label: 'Quality', max: 1, whole: false },
  rating: { label: 'Rating', max: 5, whole: true },
};

const modelNames: Record<string, Model> = {
  niji: 'midjourney-v7-niji',
  niji7: 'midjourney-v7-niji',
  'midjourney-v7-niji': 'midjourney-v7-niji',
  v7: 'midjourney-v7',
  '7': 'midjourney-v7',
  'midjourney-v7': 'midjourney-v7',
  v8: 'midjourney-v8',
  '8': 'midjourney-v8',
  'midjourney-v8': 'midjourney-v8',
};

const statusNames: Record<string, GenerationStatus> = {
  ...Object.fromEntries(generationStatuses.map((s) => [s, s])),
  finished: 'done',
  running: 'generating',
  canceled: 'cancelled',
};

const flags: Record<string, FlagTerm['flag']> = {
  raw: 'raw', fav: 'favorite', favorite: 'favorite', favourite: 'favorite', favorites: 'favorite',
  rejected: 'rejected', reject: 'rejected',
  // made by the built-in Sandbox: simulated images, no credits
  simulated: 'simulated', sandbox: 'simulated',
};

/** A field term, or the sentence saying what is wrong with it. */
export type FieldResult = { term: Term } | { problem: string };

const problem = (message: string): FieldResult => ({ problem: message });

/** Whether `name` is a field the search knows (any alias, any case). */
export function isQueryField(name: string): boolean {
  return fieldOf.has(name.toLowerCase());
}

/** The sentence for a field the search does not know: it lists the ones it does. */
export function unknownFieldMessage(name: string): string {
  return `"${name}:" is not something the search knows. Fields are ${queryFields.map((names) => `${names[0]}:`).join(', ')}.`;
}

/** Reads `name:value` (value unquoted already) into a term covering `span`. */
export function readField(name: string, value: string, span: Span): FieldResult {
  const field = fieldOf.get(name.toLowerCase());
  if (field === undefined) return problem(unknownFieldMessage(name));
  if (value === '') return problem(`${name}: needs a value, for example ${examples[field]}.`);
  const lower = value.toLowerCase();
  switch (field) {
    case 'seed':
    case 'stylize':
    case 'chaos':
    case 'weird':
    case 'q':
    case 'rating':
      return readRange(field === 'q' ? 'quality' : field, name, value, span);
    case 'ar': {
      const ratio = aspectRatios.find((r) => r === value) as AspectRatio | undefined;
      return ratio ? { term: { kind: 'aspect', value: ratio, ...span } } : problem(`"${name}:${value}" is not an aspect ratio; use one of ${aspectRatios.join(', ')}.`);
    }
    case 'model': {
      const model = modelNames[lower];
      return model ? { term: { kind: 'model', value: model, ...span } } : problem(`"${name}:${value}" is not a model; use model:v7, model:v8 or model:niji.`);
    }
    case 'is': {
      const flag = flags[lower];
      return flag ? { term: { kind: 'flag', flag, ...span } } : problem(`"is:${value}" is not known; use is:fav, is:rejected, is:raw or is:simulated.`);
    }
    case 'no':
      return { term: { kind: 'text', column: 'negative', text: value, exact: false, ...span } };
    case 'status': {
      const status = statusNames[lower];
      return status ? { term: { kind: 'status', value: status, ...span } } : problem(`"status:${value}" is not a status; use one of ${generationStatuses.join(', ')}.`);
    }
    case 'tag':
      return { term: { kind: 'tag', name: value.trim(), ...span } };
    case 'in':
      return { term: { kind: 'collection', name: value.trim(), ...span } };
    case 'batch':
      return /^[1-9]\d{0,15}$/u.test(value) && Number.isSafeInteger(Number(value))
        ? { term: { kind: 'batch', id: Number(value), ...span } }
        : problem(`"${name}:${value}" is not a batch; batches are numbered, e.g. batch:12.`);
    case 'stack':
      return /^[1-9]\d{0,15}$/u.test(value) && Number.isSafeInteger(Number(value))
        ? { term: { kind: 'stack', id: Number(value), ...span } }
        : problem(`"${name}:${value}" is not a stack; a stack is named by one of its generations, e.g. stack:42.`);
    default:
      return readDate(field, name, lower, span);
  }
}

const examples: Record<FieldName, string> = {
  seed: 'seed:1234 or seed:100..200',
  ar: 'ar:16:9',
  model: 'model:niji',
  stylize: 'stylize:>500',
  chaos: 'chaos:<20',
  weird: 'weird:0..500',
  q: 'q:0.5',
  rating: 'rating:>=4 or rating:2..3',
  is: 'is:fav',
  no: 'no:watermark',
  status: 'status:failed',
  date: 'date:today or date:2026-11',
  after: 'after:2026-11-01',
  before: 'before:2026-11-01',
  last: 'last:7d',
  tag: 'tag:portrait',
  in: 'in:"Collection name"',
  batch: 'batch:12',
  stack: 'stack:42',
};

const NUMBER = /^\d+(?:\.\d+)?$|^\.\d+$/u;

function readRange(field: NumberField, name: string, value: string, span: Span): FieldResult {
  const limits = numberLimits[field];
  const bad = problem(
    `"${name}:${value}" is not a ${limits.label.toLowerCase()} the search understands; use a ${limits.whole ? 'whole ' : ''}number from 0 to ${limits.max}, ` +
      `>, >=, <, <= before it, or a range like ${name}:${field === 'quality' ? '0.25..0.5' : `${Math.floor(limits.max / 4)}..${Math.floor(limits.max / 2)}`}.`,
  );
  const number = (text: string): number | null => {
    if (!NUMBER.test(text)) return null;
    const n = Number(text);
    return n <= limits.max && (!limits.whole || Number.isSafeInteger(n)) ? n : null;
  };
  const comparison = /^(>=|<=|>|<|=)(.*)$/u.exec(value);
  let lowest: Bound | undefined;
  let highest: Bound | undefined;
  if (comparison) {
    const n = number(comparison[2] ?? '');
    if (n === null) return bad;
    const op = comparison[1];
    if (op === '>' || op === '>=') lowest = { value: n, included: op === '>=' };
    else if (op === '<' || op === '<=') highest = { value: n, included: op === '<=' };
    else lowest = highest = { value: n, included: true };
  } else if (value.includes('..')) {
    const [low = '', high = '', ...rest] = value.split('..');
    if (rest.length > 0 || (low === '' && high === '')) return bad;
    const a = low === '' ? undefined : number(low);
    const b = high === '' ? undefined : number(high);
    if (a === null || b === null) return bad;
    if (a !== undefined && b !== undefined && a > b) return problem(`"${name}:${value}" starts above where it ends; write the lower number first.`);
    if (a !== undefined) lowest = { value: a, included: true };
    if (b !== undefined) highest = { value: b, included: true };
  } else {
    const n = number(value);
    if (n === null) return bad;
    lowest = highest = { value: n, included: true };
  }
  return { term: { kind: 'range', field, ...(lowest ? { lowest } : {}), ...(highest ? { highest } : {}), ...span } };
}

function readDay(text: string): { from: Day; next: Day } | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/u.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (month !== undefined && (month < 1 || month > 12)) return null;
  if (day !== undefined) {
    const length = new Date(Date.UTC(year, month ?? 1, 0)).getUTCDate();
    if (day < 1 || day > length) return null;
    const next = new Date(Date.UTC(year, (month ?? 1) - 1, day + 1));
    return { from: { year, month: month ?? 1, day }, next: { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() } };
  }
  if (month !== undefined) return { from: { year, month, day: 1 }, next: month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 } };
  return { from: { year, month: 1, day: 1 }, next: { year: year + 1, month: 1, day: 1 } };
}

function readDate(field: 'date' | 'after' | 'before' | 'last', name: string, value: string, span: Span): FieldResult {
  const date = (range: DateRange): FieldResult => ({ term: { kind: 'date', range, ...span } });
  if (field === 'last') {
    const m = /^(\d{1,4})([hdw])$/u.exec(value);
    if (!m || Number(m[1]) === 0) return problem(`"${name}:${value}" is not a span of time; write last:7d (days), last:12h (hours) or last:2w (weeks).`);
    return date({ type: 'last', amount: Number(m[1]), unit: m[2] === 'h' ? 'hour' : m[2] === 'w' ? 'week' : 'day' });
  }
  if (field === 'date' && (value === 'today' || value === 'yesterday')) return date({ type: value });
  const day = readDay(value);
  if (day === null) {
    const more = field === 'date' ? 'today, yesterday, ' : '';
    return problem(`"${name}:${value}" is not a date; use ${more}a day like 2026-11-05, a month like 2026-11 or a year like 2026.`);
  }
  if (field === 'after') return date({ type: 'days', from: day.from });
  if (field === 'before') return date({ type: 'days', before: day.from });
  return date({ type: 'days', from: day.from, before: day.next });
}
