/**
 * Turns one prompt into the runs it asks for, as Midjourney reads it: `{a, b}` permutations
 * (groups multiply, braces nest, `\,` is a literal comma, flags may be permuted too) and
 * `--repeat N` / `--r N`. Pure and total: any text gives runs or a sentence, never an exception.
 */

/** At most this many runs are sent by one action (Midjourney's own cap). */
export const MAX_RUNS_PER_ACTION = 40;
/** Braces deeper than this are refused: no prompt needs them, and it bounds the work. */
const MAX_NESTING = 8;

export type Expansion = { ok: true; prompts: string[] } | { ok: false; message: string };

type Part = string | Part[][];

/** The runs `prompt` asks for, each its own prompt with braces and `--repeat` resolved. */
export function expandPrompt(prompt: string, limit: number = MAX_RUNS_PER_ACTION): Expansion {
  const text = typeof prompt === 'string' ? prompt : '';
  const parsed = parseSequence(text);
  if ('message' in parsed) return { ok: false, message: parsed.message };
  const count = countOf(parsed.parts);
  if (count > limit) return { ok: false, message: tooMany(count, limit) };
  const prompts: string[] = [];
  for (const expanded of expandSequence(parsed.parts)) {
    const repeat = readRepeat(tidy(expanded));
    if ('message' in repeat) return { ok: false, message: repeat.message };
    for (let i = 0; i < repeat.times; i++) prompts.push(repeat.prompt);
    if (prompts.length > limit) {
      return { ok: false, message: tooMany(totalWithRepeats(parsed.parts), limit) };
    }
  }
  return { ok: true, prompts };
}

function tooMany(count: number, limit: number): string {
  const shown = Number.isFinite(count) ? count.toLocaleString('en') : 'too many';
  return `This prompt asks for ${shown} runs; at most ${limit} can be sent at once. Take out some {options} or lower --repeat.`;
}

// ── braces ──────────────────────────────────────────────────────────────────────────────

interface Cursor {
  text: string;
  at: number;
}

function parseSequence(text: string): { parts: Part[] } | { message: string } {
  const cursor: Cursor = { text, at: 0 };
  const result = readParts(cursor, 0);
  if ('message' in result) return result;
  if (cursor.at < text.length) {
    return { message: `There is a } without its { (character ${cursor.at + 1}). Add the {, or write \\} for a plain brace.` };
  }
  return { parts: result.parts };
}

/** Reads text and groups until the end, or (inside a group) until `,` or `}`. */
function readParts(cursor: Cursor, depth: number): { parts: Part[] } | { message: string } {
  const parts: Part[] = [];
  let literal = '';
  const { text } = cursor;
  while (cursor.at < text.length) {
    const ch = text[cursor.at] ?? '';
    if (ch === '\\' && /[,{}\\]/u.test(text[cursor.at + 1] ?? '')) {
      literal += text[cursor.at + 1];
      cursor.at += 2;
      continue;
    }
    if (ch === '}' || (ch === ',' && depth > 0)) break;
    if (ch === '{') {
      if (depth + 1 > MAX_NESTING) return { message: `The braces nest more than ${MAX_NESTING} deep; simplify the {options}.` };
      const opened = cursor.at;
      cursor.at++;
      const options: Part[][] = [];
      for (;;) {
        const option = readParts(cursor, depth + 1);
        if ('message' in option) return option;
        options.push(option.parts);
        const stop = text[cursor.at];
        cursor.at++;
        if (stop === '}') break;
        if (stop !== ',') {
          return { message: `The { at character ${opened + 1} is never closed. Add a }, or write \\{ for a plain brace.` };
        }
      }
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push(options);
      continue;
    }
    literal += ch;
    cursor.at++;
  }
  if (literal !== '') parts.push(literal);
  return { parts };
}

function countOf(parts: Part[]): number {
  let count = 1;
  for (const part of parts) {
    if (typeof part !== 'string') count *= part.reduce((sum, option) => sum + countOf(option), 0);
  }
  return count;
}

function* expandSequence(parts: Part[], index = 0, prefix = ''): Generator<string> {
  if (index === parts.length) {
    yield prefix;
    return;
  }
  const part = parts[index] ?? '';
  if (typeof part === 'string') {
    yield* expandSequence(parts, index + 1, prefix + part);
    return;
  }
  for (const option of part) {
    for (const chosen of expandSequence(option)) yield* expandSequence(parts, index + 1, prefix + chosen.trim());
  }
}

/** The runs all expanded prompts would make with their repeats, for the over-limit message. */
function totalWithRepeats(parts: Part[]): number {
  let total = 0;
  for (const expanded of expandSequence(parts)) {
    const repeat = readRepeat(tidy(expanded));
    total += 'times' in repeat ? repeat.times : 1;
    if (total > 10_000) return Number.POSITIVE_INFINITY;
  }
  return total;
}

const tidy = (text: string): string => text.replace(/\s+/gu, ' ').replace(/\s+,/gu, ',').trim();

// ── --repeat ────────────────────────────────────────────────────────────────────────────

const REPEAT = /(^|\s)(?:--|\u2014)(repeat|r)(?:\s+([^\s-]\S*))?(?=\s|$)/giu;

function readRepeat(prompt: string): { prompt: string; times: number } | { message: string } {
  let times = 1;
  let problem: string | null = null;
  let seen = 0;
  const rest = prompt.replace(REPEAT, (_match, space: string, name: string, value: string | undefined) => {
    seen++;
    const n = value !== undefined && /^\d+$/u.test(value) ? Number(value) : Number.NaN;
    if (!(n >= 1 && n <= MAX_RUNS_PER_ACTION)) {
      problem = `--${name} ${value ?? ''}`.trim() + `: the number of repeats must be a whole number from 1 to ${MAX_RUNS_PER_ACTION}, e.g. --${name} 4`;
    }
    times = n;
    return space;
  });
  if (problem !== null) return { message: problem };
  if (seen > 1) return { message: '--repeat is given twice in the prompt; keep one' };
  return { prompt: tidy(rest), times };
}
