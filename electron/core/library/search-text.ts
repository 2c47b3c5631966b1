/**
 * Turns what an artist types into the search box into a safe FTS5 MATCH expression.
 * Nothing the artist types reaches FTS5's own syntax: every term becomes a quoted string,
 * so quotes, stars, colons, brackets and words like AND/NEAR are only ever text.
 */

export interface TextQuery {
  /** FTS5 expression the prompt must match, or null when nothing positive was typed. */
  match: string | null;
  /** FTS5 expression for the excluded terms, or null when none. */
  exclude: string | null;
  /** Typed terms that hold nothing searchable (punctuation, emoji) or exceed the limits. */
  ignored: string[];
}

interface Term {
  /** As typed, for telling the artist what was left out. */
  raw: string;
  text: string;
  phrase: boolean;
  prefix: boolean;
  negated: boolean;
}

const MAX_TERMS = 32;
const MAX_TERM_LENGTH = 200;
// what the unicode61 tokenizer keeps as token characters: a term without any finds nothing
const SEARCHABLE = /[\p{L}\p{N}]/u;
// FTS5 strings cannot carry NUL and control characters mean nothing in a prompt
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

function splitTerms(input: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input[i] ?? '';
    if (/\s/u.test(char)) {
      i += 1;
      continue;
    }
    const from = i;
    let negated = false;
    if (char === '-' && i + 1 < input.length && !/\s/u.test(input[i + 1] ?? ' ')) {
      negated = true;
      i += 1;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? input.length : close;
      const text = input.slice(i + 1, end);
      i = close === -1 ? input.length : close + 1;
      const prefix = input[i] === '*';
      if (prefix) i += 1;
      terms.push({ raw: input.slice(from, i), text, phrase: true, prefix, negated });
      continue;
    }
    let end = i;
    while (end < input.length && !/\s/u.test(input[end] ?? ' ')) end += 1;
    const word = input.slice(i, end);
    i = end;
    const prefix = word.length > 1 && word.endsWith('*');
    terms.push({ raw: input.slice(from, i), text: prefix ? word.replace(/\*+$/u, '') : word, phrase: false, prefix, negated });
  }
  return terms;
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** Parses the artist's search text: words, "exact phrases", prefix* and -exclusions. Never throws. */
export function parseSearchText(input: string): TextQuery {
  const include: string[] = [];
  const exclude: string[] = [];
  const ignored: string[] = [];
  for (const term of splitTerms(input)) {
    const text = term.text.replace(CONTROL, ' ').trim();
    if (!SEARCHABLE.test(text) || text.length > MAX_TERM_LENGTH || include.length + exclude.length >= MAX_TERMS) {
      ignored.push(term.raw.length > 40 ? `${term.raw.slice(0, 39)}…` : term.raw);
      continue;
    }
    // the star stays outside the quotes: FTS5 then reads it as "prefix of the last token", never as syntax inside
    const expression = quote(text) + (term.prefix ? '*' : '');
    (term.negated ? exclude : include).push(expression);
  }
  return {
    match: include.length === 0 ? null : include.join(' AND '),
    exclude: exclude.length === 0 ? null : exclude.join(' OR '),
    ignored,
  };
}
