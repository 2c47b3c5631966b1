/**
 * The row check's words must be FTS5's words, or a long word start or an exclusion would decide
 * differently from the index. Compared here against the tokenizer itself (a real FTS5 table with
 * the library's settings, read back through fts5vocab), for plain ASCII prompts, which take a fast
 * path, and for text that needs Unicode folding. The check itself (search_text_holds) is compared
 * with FTS5's own MATCH, word starts and exact words, including a single word in ASCII text, which
 * it finds in place without cutting the text into words.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { useSearchWords, wordsOf } from '../../electron/core/library/search-words.ts';

const db = new Database(':memory:');
db.exec(`
  CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
  CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');
`);
afterAll(() => db.close());

/** The tokens FTS5 stores for `text`, in order. */
function tokensOf(text: string): string[] {
  db.exec('DELETE FROM t');
  db.prepare('INSERT INTO t(rowid, text) VALUES (1, ?)').run(text);
  return (db.prepare('SELECT term FROM v ORDER BY offset').pluck().all() as string[]);
}

const ascii = [
  'A Lighthouse-Keeper, at dawn; --ar 16:9 --s 250',
  'cinematic::2 portrait_of a cat (v7) [blue]/red {x|y} 3D render',
  "kid's sandbox\twith\nnewlines\r\nand   spaces",
  '~!@#$%^&*()_+`-={}|[]\\:";\'<>?,./ 0123456789 ABCxyz',
  '',
  '   ',
  '\u0001control\u007fdelete',
];
const unicode = [
  'Café crème brûlée, naïve façade',
  'Ünïcödé ÆSIR straße ﬁsh',
  '東京の夜 neon — “quoted” «guillemets»',
  'emoji 🐟 fisherman 🎣 boat',
  'Ångström Øresund İstanbul',
];

describe('wordsOf reads text as FTS5 does', () => {
  it.each(ascii)('plain ASCII: %j', (text) => {
    expect(wordsOf(text)).toEqual(tokensOf(text));
  });

  it.each(unicode)('Unicode: %j', (text) => {
    expect(wordsOf(text)).toEqual(tokensOf(text));
  });

  it('every printable ASCII character beside letters, alone and between words', () => {
    for (let code = 0; code < 128; code += 1) {
      const text = `ab${String.fromCharCode(code)}Cd ${String.fromCharCode(code)}`;
      expect(wordsOf(text), `character ${code}`).toEqual(tokensOf(text));
    }
  });
});

describe('search_text_holds decides as FTS5 MATCH does', () => {
  useSearchWords(db);
  const holds = db.prepare('SELECT search_text_holds(?, NULL, ?)').pluck();
  const matches = db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck();
  const sought = ['a', 'cat', 'ca', 'at', 'lighthouse', 'light', 'keeper', 'house', 'ar', '16', '9', 's', '250', 'portrait', 'trait', 'of', 'v7', '3d', 'render', 'blue', 'red', 'x', 'y', 'kid', 's', 'sandbox', 'newlines', 'spaces', 'abcxyz', '0123456789', '012', 'control', 'delete', 'cafe', 'creme', 'fisherman', 'fish', 'straße', 'strasse', 'istanbul', 'neon'];
  const texts = [...ascii, ...unicode, 'portraits of portrait', 'aportrait', 'Portrait', 'cat-cat catalog', 'x', 'end with cat'];

  it.each(texts)('every word, as a word start and as an exact word: %j', (text) => {
    db.exec('DELETE FROM t');
    db.prepare('INSERT INTO t(rowid, text) VALUES (1, ?)').run(text);
    for (const word of sought) {
      for (const exact of [false, true]) {
        const expected = matches.get(`"${word}"${exact ? '' : '*'}`);
        expect(holds.get(text, JSON.stringify(['w', 'p', exact ? 1 : 0, word])), `${word}${exact ? ' (exact)' : ''}`).toBe(expected);
      }
    }
  });

  it('phrases and exclusions read the words in order', () => {
    const text = 'A Lighthouse-Keeper, at dawn';
    expect(holds.get(text, JSON.stringify(['w', 'p', 0, 'lighthouse', 'kee']))).toBe(1);
    expect(holds.get(text, JSON.stringify(['w', 'p', 1, 'lighthouse', 'kee']))).toBe(0);
    expect(holds.get(text, JSON.stringify(['w', 'p', 0, 'keeper', 'lighthouse']))).toBe(0);
    expect(holds.get(text, JSON.stringify(['not', ['w', 'p', 0, 'dawn']]))).toBe(0);
    expect(holds.get(text, JSON.stringify(['or', ['w', 'p', 0, 'dusk'], ['w', 'p', 0, 'daw']]))).toBe(1);
  });
});
