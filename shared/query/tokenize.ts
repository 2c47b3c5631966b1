/**
 * Splits the search text into brackets, OR, exclusions, words, "phrases" and a trailing run of
 * Midjourney `--flags`. Never throws: any text gives tokens.
 */

export type Token =
  | { type: 'open' | 'close' | 'or' | 'not'; from: number; to: number }
  /** A word or a `field:value` as typed (a value may hold a "quoted part"). */
  | { type: 'word'; from: number; to: number; raw: string }
  /** Quoted words; `starts` when a `*` follows the closing quote (its last word is a word start). */
  | { type: 'phrase'; from: number; to: number; text: string; starts: boolean }
  /** Everything from the first `--flag` on, as pasted from a Midjourney prompt. */
  | { type: 'flags'; from: number; to: number; raw: string };

// Two hyphens or the long dash phones and macOS put in their place, as in shared/prompt-flags.ts.
const FLAG_START = /^(?:--|\u2014)[^\s-]/u;
const SPACE = /\s/u;

const isSpace = (char: string | undefined) => char === undefined || SPACE.test(char);

/** The tokens of a search text, in order, with where each was typed. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input[i] ?? '';
    if (isSpace(char)) {
      i += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char === '(' ? 'open' : 'close', from: i, to: i + 1 });
      i += 1;
    } else if (FLAG_START.test(input.slice(i, i + 3))) {
      tokens.push({ type: 'flags', from: i, to: input.length, raw: input.slice(i) });
      i = input.length;
    } else if (char === '-' && !isSpace(input[i + 1])) {
      tokens.push({ type: 'not', from: i, to: i + 1 });
      i += 1;
    } else if (char === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? input.length : close + 1;
      const starts = close !== -1 && input[end] === '*';
      tokens.push({ type: 'phrase', from: i, to: starts ? end + 1 : end, text: input.slice(i + 1, close === -1 ? input.length : close), starts });
      i = starts ? end + 1 : end;
    } else {
      const from = i;
      while (i < input.length && !isSpace(input[i]) && input[i] !== '(' && input[i] !== ')') {
        if (input[i] === '"') {
          // a quoted value (no:"text, watermark") keeps its spaces and brackets
          const close = input.indexOf('"', i + 1);
          i = close === -1 ? input.length : close + 1;
        } else {
          i += 1;
        }
      }
      const raw = input.slice(from, i);
      tokens.push(raw === 'OR' ? { type: 'or', from, to: i } : { type: 'word', from, to: i, raw });
    }
  }
  return tokens;
}
