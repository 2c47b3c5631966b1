/**
 * Search results proven right, not just fast: for a mix of queries on a seeded 20,000-generation
 * library, every id the real search returns (on its worker thread, page after page by cursor) and
 * its count are compared with a plain reference: the query language written out as obviously
 * correct SQL over the rows, with the words matched by a small tokenizer of its own (no FTS5).
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLibrary, libraryPath, openLibrary, type Library } from '../../electron/core/library/database.ts';
import { startLibraryThreads, type LibraryThreads } from '../../electron/core/library/threads.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { SEARCH_LIBRARY_START, seedSearchLibrary } from '../support/search-library.ts';
import { tempDir } from '../support/temp-dir.ts';

const GENERATIONS = 20_000;
const DAY = 86_400_000;

// ── the reference: the query language in force, written out plainly ──

/** Words as FTS5's unicode61 tokenizer (remove_diacritics 2) sees them: letters and digits, lower case, no accents. */
const tokenize = (text: string): string[] =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '');

interface Term {
  tokens: string[];
  /** The last token only has to start with what was typed (neon*, "golden ho"*). */
  prefix: boolean;
  negated: boolean;
}

/** The artist's text as terms: words, "phrases", prefix*, -exclusions; terms with nothing searchable are left out. */
function terms(text: string): Term[] {
  const found: Term[] = [];
  for (const m of text.matchAll(/(-?)"([^"]*)"(\*?)|(-?)(\S+)/gu)) {
    const phrase = m[2] !== undefined;
    const word = m[5] ?? '';
    const prefix = phrase ? m[3] === '*' : word.length > 1 && word.endsWith('*');
    const tokens = tokenize(phrase ? (m[2] ?? '') : word);
    if (tokens.length > 0) found.push({ tokens, prefix, negated: (phrase ? m[1] : m[4]) === '-' });
  }
  return found;
}

/** Whether the term's tokens follow one another somewhere in this one text (a phrase never spans prompt and negative prompt). */
function occursIn(tokens: readonly string[], term: Term): boolean {
  const last = term.tokens.length - 1;
  for (let start = 0; start + last < tokens.length; start += 1) {
    if (term.tokens.every((t, i) => (i === last && term.prefix ? (tokens[start + i] ?? '').startsWith(t) : tokens[start + i] === t))) return true;
  }
  return false;
}

const tokensOf = new Map<string, string[]>();
function cachedTokens(text: string | null): string[] {
  if (text === null) return [];
  let tokens = tokensOf.get(text);
  if (tokens === undefined) {
    tokens = tokenize(text);
    tokensOf.set(text, tokens);
  }
  return tokens;
}

/** The reference ids, in the order asked for, of every generation a search should find. */
function referenceIds(db: Database.Database, search: LibrarySearchInput): number[] {
  const where = ['deleted_at IS NULL'];
  const values: unknown[] = [];
  for (const term of terms(search.text ?? '')) {
    where.push(`${term.negated ? 'NOT ' : ''}ref_matches(effective_prompt, effective_negative_prompt, ?)`);
    values.push(JSON.stringify(term));
  }
  const list = (column: string, items: readonly unknown[] | undefined) => {
    if (items === undefined || items.length === 0) return;
    where.push(`${column} IN (${items.map(() => '?').join(', ')})`);
    values.push(...items);
  };
  list('effective_model', search.models);
  list('effective_aspect_ratio', search.aspectRatios);
  list('status', search.statuses);
  const add = (clause: string, value: unknown) => {
    if (value === undefined) return;
    where.push(clause);
    values.push(value);
  };
  if (search.favorite !== undefined) where.push(`favorite = ${search.favorite ? 1 : 0}`);
  add('created_at >= ?', search.createdFrom);
  add('created_at < ?', search.createdBefore);
  add('effective_seed = ?', search.seed);
  for (const name of ['stylize', 'chaos', 'weird'] as const) {
    add(`effective_${name} >= ?`, search[name]?.min);
    add(`effective_${name} <= ?`, search[name]?.max);
  }
  const direction = search.sort === 'oldest' ? 'ASC' : 'DESC';
  const sql = `SELECT id FROM generations WHERE ${where.join(' AND ')} ORDER BY created_at ${direction}, id ${direction}`;
  return (db.prepare(sql).all(...values) as { id: number }[]).map((row) => row.id);
}

// ── the real search, as the gallery reads it: page after page on the pages thread ──

async function realIds(threads: LibraryThreads, search: LibrarySearchInput): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await threads.search(cursor === null ? { ...search, limit: 200 } : { ...search, limit: 200, cursor });
    ids.push(...page.items.map((g) => g.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

const dir = tempDir('atelier-search-reference-');
let db: Library;
let reference: Database.Database;
let threads: LibraryThreads;
let someSeed = 0;

beforeAll(() => {
  seedSearchLibrary(dir.path, GENERATIONS);
  db = openLibrary(dir.path);
  threads = startLibraryThreads({ db, dataDir: dir.path, fullCheck: false, onDamage: () => undefined });
  reference = new Database(libraryPath(dir.path), { readonly: true });
  reference.function('ref_matches', { deterministic: true }, (prompt, negative, term) => {
    const parsed = JSON.parse(String(term)) as Term;
    return occursIn(cachedTokens(prompt as string), parsed) || occursIn(cachedTokens(negative as string | null), parsed) ? 1 : 0;
  });
  someSeed = (reference.prepare('SELECT effective_seed AS seed FROM generations WHERE id = 4242').get() as { seed: number }).seed;
}, 180_000);

afterAll(async () => {
  await threads.close();
  reference.close();
  closeLibrary(db);
  dir.remove();
});

const gallery = (search: LibrarySearchInput): LibrarySearchInput => ({ ...search, statuses: ['done'], sort: 'newest' });

const queries: [string, () => LibrarySearchInput][] = [
  ['everything', () => ({})],
  ['the gallery\'s browse (done only)', () => gallery({})],
  ['a common word', () => gallery({ text: 'portrait' })],
  ['a rare word', () => gallery({ text: 'axolotl' })],
  ['two words in any order', () => gallery({ text: 'fog castle' })],
  ['a phrase', () => gallery({ text: '"golden hour"' })],
  ['a phrase backwards', () => gallery({ text: '"hour golden"' })],
  ['a prefix', () => gallery({ text: 'neo*' })],
  ['a one-letter prefix', () => gallery({ text: 'g*' })],
  ['a phrase ending in a prefix', () => gallery({ text: '"golden ho"*' })],
  ['a word with a hyphen (a phrase of its parts)', () => gallery({ text: 'ukiyo-e' })],
  ['upper case', () => gallery({ text: 'PORTRAIT Castle' })],
  ['accents either way', () => ({ text: 'cafe brulee' })],
  ['a word of the negative prompt', () => gallery({ text: 'blurry' })],
  ['a phrase of the negative prompt', () => ({ text: '"watermark blurry"' })],
  ['an exclusion only', () => gallery({ text: '-portrait' })],
  ['two exclusions', () => gallery({ text: '-portrait -castle' })],
  ['a word and an exclusion from the negative prompt', () => gallery({ text: 'castle -blurry' })],
  ['a word and an excluded phrase', () => gallery({ text: 'fog -"golden hour"' })],
  ['punctuation and emoji left out', () => gallery({ text: 'castle 🎨 *** ""' })],
  ['a word nobody wrote', () => gallery({ text: 'zeppelin' })],
  ['short common words', () => gallery({ text: 'in the' })],
  ['digits', () => ({ text: '35mm' })],
  ['filters only', () => gallery({ models: ['midjourney-v7-niji'], stylize: { min: 500 } })],
  ['favourites in 16:9', () => gallery({ favorite: true, aspectRatios: ['16:9'] })],
  ['not favourites, 9:16', () => ({ favorite: false, aspectRatios: ['9:16'] })],
  ['words with filters', () => gallery({ text: 'castle', models: ['midjourney-v8'], aspectRatios: ['16:9', '1:1'] })],
  ['a prefix with favourites', () => gallery({ text: 'port*', favorite: true })],
  ['a seed', () => ({ seed: someSeed })],
  ['a date range with a word', () => gallery({ text: 'forest', createdFrom: SEARCH_LIBRARY_START - 30 * DAY, createdBefore: SEARCH_LIBRARY_START + 10 * DAY })],
  ['dates before the first id (imported)', () => ({ createdBefore: SEARCH_LIBRARY_START })],
  ['chaos and weird ranges', () => ({ chaos: { min: 20, max: 60 }, weird: { max: 1500 } })],
  ['failed ones', () => ({ statuses: ['failed'] })],
  ['oldest first with a word', () => ({ text: 'lighthouse', sort: 'oldest' })],
  ['oldest first with an exclusion and a filter', () => ({ text: '-watercolor', models: ['midjourney-v8'], sort: 'oldest' })],
];

describe('search against the reference on 20,000 generations', () => {
  const sizes: number[] = [];
  it.each(queries)('%s: the same ids in the same order, and the same count', async (_name, make) => {
    const search = make();
    const expected = referenceIds(reference, search);
    sizes.push(expected.length);
    expect(await realIds(threads, search)).toEqual(expected);
    expect(await threads.count(search)).toBe(expected.length);
  }, 60_000);

  it('covers matches of every size, from none to most of the library', () => {
    expect(sizes).toHaveLength(queries.length);
    expect(Math.min(...sizes)).toBe(0);
    expect(Math.max(...sizes)).toBeGreaterThan(GENERATIONS / 2);
    expect(sizes.filter((n) => n > 0 && n < 200).length).toBeGreaterThan(2);
  });
});
