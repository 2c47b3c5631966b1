/**
 * The word check searches use beside the index: an SQL function, `search_text_holds(prompt,
 * negative, expression)`, that reads a row's own text the way FTS5's tokenizer does (unicode61,
 * diacritics removed). Two cases need it: a word start longer than the index's longest prefix
 * (6 characters), which the index can only narrow down (FTS5 would otherwise list every match of
 * the word before giving the first), and exclusions, which the index cannot say without listing
 * everything excluded. Both then cost a few microseconds per row of the page instead.
 */
import type { QueryNode } from '../../../shared/query/ast.ts';
import type { Library } from './database.ts';

/** The longest word start the index has a prefix index for (migration 7: prefix = '1 2 3 4 5 6'). */
export const LONGEST_INDEXED_PREFIX = 6;

// eslint-disable-next-line no-control-regex -- the whole ASCII range, on purpose
const ASCII = /^[\x00-\x7f]*$/;

/** Words as FTS5's unicode61 tokenizer (remove_diacritics 2) cuts them: letters, digits and private-use characters, lower case, no accents. */
export function wordsOf(text: string): string[] {
  // Nearly every prompt is plain ASCII, where letters and digits are the whole story: skip the
  // Unicode normalisation, which is most of the cost on a page that checks long word starts.
  if (ASCII.test(text)) return text.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word !== '');
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{Co}]+/u)
    .filter((word) => word !== '');
}

/** A text-only query tree as the function reads it (JSON): words, and, or, not. */
type Check = ['w', 'p' | 'n', 0 | 1, ...string[]] | ['and' | 'or', ...Check[]] | ['not', Check];

/** The text-only tree `node` as the function's expression; null when it holds anything but text. */
export function checkOf(node: QueryNode): string | null {
  const check = toCheck(node);
  return check === null ? null : JSON.stringify(check);
}

function toCheck(node: QueryNode): Check | null {
  switch (node.kind) {
    case 'text':
      return ['w', node.column === 'prompt' ? 'p' : 'n', node.exact ? 1 : 0, ...wordsOf(node.text)];
    case 'and':
    case 'or': {
      const items = node.items.map(toCheck);
      return items.every((item) => item !== null) ? [node.kind, ...(items as Check[])] : null;
    }
    case 'not': {
      const item = toCheck(node.item);
      return item === null ? null : ['not', item];
    }
    default:
      return null;
  }
}

/** Whether `words` follow one another in `tokens`; unless exact, the last only has to start a token. */
function occursIn(tokens: readonly string[], words: readonly string[], exact: boolean): boolean {
  const last = words.length - 1;
  if (last < 0) return false;
  for (let start = 0; start + last < tokens.length; start += 1) {
    let all = true;
    for (let i = 0; i <= last && all; i += 1) {
      const token = tokens[start + i] ?? '';
      const word = words[i] ?? '';
      all = i === last && !exact ? token.startsWith(word) : token === word;
    }
    if (all) return true;
  }
  return false;
}

/** Whether `word` starts a word of lower-case ASCII `text` (or is one, when exact): found in place, without cutting the text into words. */
function startsAWord(text: string, word: string, exact: boolean): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at > 0 && isWordCharacter(text.charCodeAt(at - 1))) continue;
    if (exact && isWordCharacter(text.charCodeAt(at + word.length))) continue;
    return true;
  }
  return false;
}

/** a-z and 0-9: in ASCII text, what FTS5's tokenizer keeps in a word (upper case is folded first). */
const isWordCharacter = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);

/**
 * One row's prompt or negative prompt, as the check reads it. A single word in ASCII text (most
 * checks, nearly every prompt) is looked for in place: cutting a long prompt into words cost most
 * of a page's check (~10 µs a row). Phrases and other text are read word by word, as FTS5 cuts them.
 */
function rowText(value: unknown): (sought: readonly string[], exact: boolean) => boolean {
  const text = typeof value === 'string' ? value : '';
  let ascii: boolean | undefined;
  let lower: string | undefined;
  let words: string[] | undefined;
  return (sought, exact) => {
    const [only] = sought;
    if (sought.length === 1 && only !== undefined && (ascii ??= ASCII.test(text))) return startsAWord((lower ??= text.toLowerCase()), only, exact);
    return occursIn((words ??= wordsOf(text)), sought, exact);
  };
}

type RowTextCheck = ReturnType<typeof rowText>;

function holds(check: Check, prompt: RowTextCheck, negative: RowTextCheck): boolean {
  switch (check[0]) {
    case 'w': {
      const [, column, exact, ...words] = check;
      return (column === 'p' ? prompt : negative)(words, exact === 1);
    }
    case 'and':
      return check.slice(1).every((item) => holds(item as Check, prompt, negative));
    case 'or':
      return check.slice(1).some((item) => holds(item as Check, prompt, negative));
    case 'not':
      return !holds(check[1], prompt, negative);
  }
}

const registered = new WeakSet<Library>();
const parsed = new Map<string, Check>();

/** Makes `search_text_holds` known to this connection (once per connection). */
export function useSearchWords(db: Library): void {
  if (registered.has(db)) return;
  db.function('search_text_holds', { deterministic: true }, (prompt: unknown, negative: unknown, expression: unknown) => {
    const text = String(expression);
    let check = parsed.get(text);
    if (check === undefined) {
      check = JSON.parse(text) as Check;
      // the expressions a session uses are few; keep the cache from growing with them
      if (parsed.size > 500) parsed.clear();
      parsed.set(text, check);
    }
    return holds(check, rowText(prompt), rowText(negative)) ? 1 : 0;
  });
  registered.add(db);
}
