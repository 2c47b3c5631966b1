/**
 * The search language, typed or clicked: words match word starts (`fisher` finds "fisherman"),
 * "quoted" words are exact, quoted words together are a phrase, `-` excludes, uppercase `OR`
 * between terms, brackets group; `-` binds tightest, then AND (terms side by side), then OR.
 * Field terms (`seed:`, `ar:`, `is:fav`, dates…) are read in fields.ts, and a pasted Midjourney
 * prompt's `--flags` become the same field terms. Pure and total: any text gives a tree or one
 * problem in the artist's words, never an exception.
 */
import { parsePromptFlags, type PromptFlags } from '../prompt-flags.ts';
import { MAX_QUERY_DEPTH, MAX_QUERY_TERMS, type ParsedQuery, type QueryNode, type QueryProblem, type Span, type Term } from './ast.ts';
import { readField } from './fields.ts';
import { tokenize, type Token } from './tokenize.ts';

// what the unicode61 tokenizer keeps as word characters: a term without any finds nothing
const SEARCHABLE = /[\p{L}\p{N}]/u;
// control characters mean nothing in a prompt (and FTS5 strings cannot carry NUL)
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/gu;
const FIELD = /^([A-Za-z]+):(.*)$/su;
const MAX_WORD_LENGTH = 200;

class Problem extends Error {
  readonly problem: QueryProblem;
  constructor(problem: QueryProblem) {
    super(problem.message);
    this.problem = problem;
  }
}

const fail = (span: Span, message: string): never => {
  throw new Problem({ from: span.from, to: span.to, message });
};

const shorten = (raw: string) => (raw.length > 40 ? `${raw.slice(0, 39)}…` : raw);

/** Parses the artist's search text into a tree, or says what is wrong with it and where. */
export function parseQuery(input: string): ParsedQuery {
  const parser = new Parser(input);
  try {
    return { ok: true, root: parser.parse(), ignored: parser.ignored };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, problem: error.problem };
    throw error;
  }
}

class Parser {
  readonly ignored: string[] = [];
  private readonly tokens: Token[];
  private readonly input: string;
  private at = 0;
  private terms = 0;

  constructor(input: string) {
    this.input = input;
    this.tokens = tokenize(input);
  }

  parse(): QueryNode | null {
    const root = this.or(0);
    const stray = this.tokens[this.at];
    if (stray !== undefined) fail(stray, 'This closing bracket has no opening one; remove it or add a ( before.');
    return root;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private or(depth: number): QueryNode | null {
    const items: (QueryNode | null)[] = [];
    const from = this.peek()?.from ?? this.input.length;
    for (;;) {
      const next = this.peek();
      if (next?.type === 'or') fail(next, 'OR needs a term on each side, like castle OR tower.');
      items.push(this.and(depth));
      const or = this.peek();
      if (or?.type !== 'or') break;
      this.at += 1;
      const after = this.peek();
      if (after === undefined || after.type === 'close' || after.type === 'or') fail(or, 'OR needs a term on each side, like castle OR tower.');
    }
    return combine('or', items, from, this.tokens[this.at - 1]?.to ?? from);
  }

  private and(depth: number): QueryNode | null {
    const items: (QueryNode | null)[] = [];
    const from = this.peek()?.from ?? this.input.length;
    for (let next = this.peek(); next !== undefined && next.type !== 'or' && next.type !== 'close'; next = this.peek()) {
      items.push(this.unary(depth));
    }
    return combine('and', items, from, this.tokens[this.at - 1]?.to ?? from);
  }

  private unary(depth: number): QueryNode | null {
    const token = this.peek();
    if (token?.type !== 'not') return this.primary(depth);
    this.at += 1;
    const next = this.peek();
    if (next === undefined || next.type === 'close' || next.type === 'or') fail(token, '- needs a term right after it, like -blurry.');
    const item = this.unary(depth);
    return item === null ? null : { kind: 'not', item, from: token.from, to: item.to };
  }

  private primary(depth: number): QueryNode | null {
    const token = this.peek();
    if (token === undefined) return null;
    this.at += 1;
    switch (token.type) {
      case 'open': {
        if (depth + 1 > MAX_QUERY_DEPTH) fail(token, `Brackets can nest ${MAX_QUERY_DEPTH} deep at most; this one is deeper. Remove a level.`);
        if (this.peek()?.type === 'close') fail({ from: token.from, to: token.to + 1 }, 'These brackets hold nothing to search.');
        const inner = this.or(depth + 1);
        const close = this.peek();
        if (close?.type !== 'close') return fail(token, 'This bracket is never closed; add a ) after what it groups.');
        this.at += 1;
        return inner === null ? null : { ...inner, from: token.from, to: close.to };
      }
      case 'phrase':
        return this.text(token, token.text, !token.starts, 'prompt', token.text === '' ? '""' : undefined);
      case 'word':
        return this.word(token);
      case 'flags':
        return this.flags(token);
      default:
        return fail(token, 'This closing bracket has no opening one; remove it or add a ( before.');
    }
  }

  private word(token: Extract<Token, { type: 'word' }>): QueryNode | null {
    const field = FIELD.exec(token.raw);
    if (field === null) return this.text(token, token.raw.replace(/\*+$/u, ''), false, 'prompt');
    const name = field[1] ?? '';
    const raw = field[2] ?? '';
    const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
    const value = quoted ? raw.slice(1, -1) : raw.startsWith('"') ? raw.slice(1) : raw;
    const read = readField(name, value, { from: token.from, to: token.to });
    if ('problem' in read) return fail(token, read.problem);
    if (read.term.kind === 'text') return this.text(token, value, quoted, 'negative');
    return this.count(read.term);
  }

  private text(span: Span, typed: string, exact: boolean, column: 'prompt' | 'negative', raw?: string): Term | null {
    const text = typed.replace(CONTROL, ' ').trim();
    // nothing searchable, or longer than any word of a prompt: left out and listed, as before the language
    if (!SEARCHABLE.test(text) || text.length > MAX_WORD_LENGTH) {
      this.ignored.push(shorten(raw ?? this.input.slice(span.from, span.to)));
      return null;
    }
    return this.count({ kind: 'text', column, text, exact, from: span.from, to: span.to });
  }

  private count<T extends Term>(term: T): T {
    this.terms += 1;
    if (this.terms > MAX_QUERY_TERMS) fail(term, `A search holds ${MAX_QUERY_TERMS} terms at most; this is term ${this.terms}. Remove some terms.`);
    return term;
  }

  /** A pasted Midjourney prompt's flags: the same terms as the fields, its loose words as prompt words. */
  private flags(token: Extract<Token, { type: 'flags' }>): QueryNode | null {
    const parsed = parsePromptFlags(token.raw);
    const problem = parsed.problems[0];
    if (problem !== undefined) fail(token, `${problem}.`);
    this.ignored.push(...parsed.unknownFlags);
    const span = { from: token.from, to: token.to };
    const items: (QueryNode | null)[] = [];
    for (const word of parsed.prompt.split(/\s+/u).filter((w) => w !== '')) items.push(this.text(span, word, false, 'prompt'));
    items.push(...flagTerms(parsed.flags, span).map((term) => (term.kind === 'text' ? this.text(span, term.text, false, 'negative') : this.count(term))));
    return combine('and', items, token.from, token.to);
  }
}

function flagTerms(flags: PromptFlags, span: Span): Term[] {
  const terms: Term[] = [];
  const equal = (value: number) => ({ value, included: true });
  if (flags.model !== undefined) terms.push({ kind: 'model', value: flags.model, ...span });
  if (flags.aspectRatio !== undefined) terms.push({ kind: 'aspect', value: flags.aspectRatio, ...span });
  for (const field of ['seed', 'stylize', 'chaos', 'weird', 'quality'] as const) {
    const value = flags[field];
    if (value !== undefined) terms.push({ kind: 'range', field, lowest: equal(value), highest: equal(value), ...span });
  }
  if (flags.raw === true) terms.push({ kind: 'flag', flag: 'raw', ...span });
  // `--no text, watermark` names things left out: each word must be in the negative prompt
  for (const word of (flags.negativePrompt ?? '').split(/[\s,]+/u).filter((w) => w !== '')) {
    terms.push({ kind: 'text', column: 'negative', text: word, exact: false, ...span });
  }
  return terms;
}

/** One node for the kept items: none is null, one is itself, more are AND/OR of them. */
function combine(kind: 'and' | 'or', items: (QueryNode | null)[], from: number, to: number): QueryNode | null {
  const kept = items.filter((item): item is QueryNode => item !== null);
  if (kept.length <= 1) return kept[0] ?? null;
  // (a b) c is a b c: flatter trees give the library fewer, larger FTS expressions
  const flat = kept.flatMap((item) => (item.kind === kind ? item.items : [item]));
  return { kind, items: flat, from, to };
}
