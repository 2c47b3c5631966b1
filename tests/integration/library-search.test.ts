import { beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../electron/core/library/database.ts';
import { softDelete, markSubmitting, markSubmitted, markDone } from '../../electron/core/library/generations.ts';
import { restoreBinned } from '../support/restore.ts';
import { countSearch, explainSearch, searchGenerations } from '../../electron/core/library/search.ts';
import { parseQuery } from '../../shared/query/parse.ts';
import { Failure } from '../../electron/core/failure.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { addGeneration } from '../support/library.ts';
import { libraryPerTest } from '../support/library-per-test.ts';

let db: Library;
libraryPerTest((library) => ({ db } = library));

const ids = (search: LibrarySearchInput) => searchGenerations(db, search).items.map((g) => g.id);
const ftsCount = (match: string) =>
  (db.prepare('SELECT count(*) AS n FROM generations_search WHERE generations_search MATCH ?').get(match) as { n: number }).n;

function finish(id: number): void {
  markSubmitting(db, id, 1);
  markSubmitted(db, id, `task-${id}`, 2);
  markDone(db, id, 3);
}

describe('full-text index kept in step by triggers', () => {
  it('indexes on insert, follows a prompt edit, forgets on delete', () => {
    const g = addGeneration(db, 1000, { prompt: 'neon harbor at night', negativePrompt: 'blurry' });
    expect(ftsCount('harbor')).toBe(1);
    expect(ftsCount('blurry')).toBe(1);
    db.prepare("UPDATE generations SET effective_prompt = 'quiet meadow', effective_negative_prompt = NULL WHERE id = ?").run(g.id);
    expect(ftsCount('harbor')).toBe(0);
    expect(ftsCount('blurry')).toBe(0);
    expect(ftsCount('meadow')).toBe(1);
    db.prepare('DELETE FROM generations WHERE id = ?').run(g.id);
    expect(ftsCount('meadow')).toBe(0);
    db.exec("INSERT INTO generations_search(generations_search) VALUES ('integrity-check')");
    // a library made empty carries only the date-ordered index: nothing is left for a background job to write
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'generations_fts'").get()).toBeUndefined();
  });
});

describe('search semantics', () => {
  let a: number, b: number, c: number, d: number, e: number;
  beforeEach(() => {
    a = addGeneration(db, 1000, { prompt: 'neon city in the rain', negativePrompt: 'blurry, text', model: 'midjourney-v8', aspectRatio: '16:9', stylize: 100, seed: 7 }).id;
    b = addGeneration(db, 2000, { prompt: 'a city of neon lights', aspectRatio: '1:1', stylize: 500, chaos: 20 }).id;
    c = addGeneration(db, 3000, { prompt: 'Neonatal café still life', weird: 1000, seed: 7 }).id;
    d = addGeneration(db, 4000, { prompt: 'golden hour over the city', negativePrompt: 'people', model: 'midjourney-v8' }).id;
    e = addGeneration(db, 5000, { prompt: 'blurry dream of a forest' }).id;
  });

  it('matches words in any order, case and accent insensitive, newest first by default', () => {
    expect(ids({ text: 'city neon' })).toEqual([b, a]);
    expect(ids({ text: 'CAFE' })).toEqual([c]);
    expect(ids({ text: 'city', sort: 'oldest' })).toEqual([a, b, d]);
  });

  it('matches word starts, "exact" words, phrases, and the negative prompt only through no:', () => {
    expect(ids({ text: '"neon city"' })).toEqual([a]);
    expect(ids({ text: '"city neon"' })).toEqual([]);
    expect(ids({ text: 'neon' })).toEqual([c, b, a]);
    expect(ids({ text: '"neon"' })).toEqual([b, a]);
    expect(ids({ text: 'people' })).toEqual([]);
    expect(ids({ text: 'no:people' })).toEqual([d]);
    expect(ids({ text: 'blurry' })).toEqual([e]);
    expect(ids({ text: 'no:blur' })).toEqual([a]);
  });

  it('excludes terms, also with no positive word, and reads OR and brackets', () => {
    expect(ids({ text: 'city -no:blurry' })).toEqual([d, b]);
    expect(ids({ text: 'city -"golden hour"' })).toEqual([b, a]);
    expect(ids({ text: '-blurry' })).toEqual([d, c, b, a]);
    expect(ids({ text: '-city -neon' })).toEqual([e]);
    expect(countSearch(db, { text: '-no:blurry' })).toBe(4);
    expect(ids({ text: 'forest OR golden' })).toEqual([e, d]);
    expect(ids({ text: '(forest OR golden) -hour' })).toEqual([e]);
    expect(ids({ text: 'forest OR seed:7' })).toEqual([e, c, a]);
    expect(ids({ text: '-(seed:7 OR forest)' })).toEqual([d, b]);
  });

  it('reads field terms and a pasted Midjourney prompt', () => {
    expect(ids({ text: 'stylize:>=500' })).toEqual([b]);
    expect(ids({ text: 's:100..500 ar:16:9' })).toEqual([a]);
    expect(ids({ text: '-stylize:>200' })).toEqual([e, d, c, a]);
    expect(ids({ text: 'model:v8' })).toEqual([d, a]);
    // an unset chaos is Midjourney's default, 0
    expect(ids({ text: 'weird:1000 chaos:<5' })).toEqual([c]);
    expect(ids({ text: 'weird:1000 chaos:>0' })).toEqual([]);
    expect(ids({ text: 'neon city --ar 16:9 --s 100' })).toEqual([a]);
    expect(() => ids({ text: 'color:red' })).toThrowError(/"color:" is not something the search knows\. Fields are seed:/);
  });

  it('filters by every parameter', () => {
    expect(ids({ models: ['midjourney-v8'] })).toEqual([d, a]);
    expect(ids({ aspectRatios: ['16:9', '1:1'] })).toEqual([b, a]);
    expect(ids({ seed: 7 })).toEqual([c, a]);
    expect(ids({ stylize: { min: 200 } })).toEqual([b]);
    // an unset stylize is Midjourney's default, 100
    expect(ids({ stylize: { max: 200 } })).toEqual([e, d, c, a]);
    expect(ids({ stylize: { max: 99 } })).toEqual([]);
    expect(ids({ chaos: { min: 10, max: 30 } })).toEqual([b]);
    expect(ids({ weird: { min: 1000 } })).toEqual([c]);
    expect(ids({ createdFrom: 2000, createdBefore: 4000 })).toEqual([c, b]);
    // the derived "one of its images is a favourite" column that the filter reads (these have no images)
    db.prepare('UPDATE generations SET favorite = 1 WHERE id IN (?, ?)').run(b, d);
    expect(ids({ favorite: true })).toEqual([d, b]);
    expect(ids({ favorite: false })).toEqual([e, c, a]);
    finish(c);
    expect(ids({ statuses: ['done'] })).toEqual([c]);
    expect(ids({ statuses: ['queued'], text: 'city', models: ['midjourney-v8'] })).toEqual([d, a]);
    expect(countSearch(db, { models: ['midjourney-v8'], text: 'city' })).toBe(2);
  });

  it('leaves binned generations out until they are restored', () => {
    finish(a);
    expect(softDelete(db, [a], 9000)).toEqual([a]);
    expect(ids({ text: '"neon"' })).toEqual([b]);
    expect(countSearch(db, {})).toBe(4);
    restoreBinned(db, [a]);
    expect(ids({ text: '"neon"' })).toEqual([b, a]);
  });

  it('returns images with each generation and reports terms it could not search', () => {
    const page = searchGenerations(db, { text: 'city 🎨 ***' });
    expect(page.items.map((g) => g.id)).toEqual([d, b, a]);
    expect(page.items[0]?.images).toEqual([]);
    expect(page.ignoredTerms).toEqual(['🎨', '***']);
  });

  it('refuses a malformed search or a forged cursor with a clear invalid_input', () => {
    expect(() => searchGenerations(db, { limit: 0 })).toThrow(Failure);
    expect(() => searchGenerations(db, { cursor: 'not-a-cursor' })).toThrowError(/out of date/);
    const cursor = searchGenerations(db, { limit: 1 }).nextCursor ?? '';
    expect(() => searchGenerations(db, { cursor, sort: 'oldest' })).toThrowError(/out of date/);
    expect(() => searchGenerations(db, { stylize: { min: 500, max: 100 } })).toThrowError(/stylize/);
  });
});

/** Every page of a search, cursor by cursor, as ids. */
function walk(search: LibrarySearchInput): number[] {
  const seen: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard += 1) {
    const page = searchGenerations(db, cursor === undefined ? search : { ...search, cursor });
    seen.push(...page.items.map((g) => g.id));
    if (page.nextCursor === null) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

describe('keyset pages', () => {
  it('neither skips nor repeats rows that share a created_at, in both orders', () => {
    // 23 generations in bursts of four sharing a millisecond, inserted out of time order
    const made: { id: number; at: number }[] = [];
    for (let i = 0; i < 23; i += 1) {
      const at = 10_000 - Math.floor(i / 4) * 10;
      made.push({ id: addGeneration(db, at, { prompt: `lantern study ${i}` }).id, at });
    }
    const newest = [...made].sort((x, y) => y.at - x.at || y.id - x.id).map((m) => m.id);
    expect(walk({ limit: 3 })).toEqual(newest);
    expect(walk({ limit: 4, sort: 'oldest' })).toEqual([...newest].reverse());
    expect(walk({ limit: 5, text: 'lantern' })).toEqual(newest);
    expect(walk({ limit: 23 })).toEqual(newest);
    expect(searchGenerations(db, { limit: 23 }).nextCursor).toBeNull();
  });
});

describe('value orders: highest rated, stylize, chaos', () => {
  it('sort highest first, newest first among equals, unset last; keyset pages neither skip nor repeat', () => {
    // 17 generations whose values repeat, so most pages end inside a run of equal values
    const made: { id: number; at: number; rating: number | null; stylize: number; chaos: number }[] = [];
    for (let i = 0; i < 17; i += 1) {
      const at = 10_000 + Math.floor(i / 3) * 10;
      const rating = i % 4 === 0 ? null : (i % 5) + 1;
      const g = addGeneration(db, at, { prompt: `lantern study ${i}`, stylize: (i % 3) * 250, chaos: i % 2 === 0 ? 10.5 : 0 });
      db.prepare('UPDATE generations SET best_rating = ? WHERE id = ?').run(rating, g.id);
      made.push({ id: g.id, at, rating, stylize: (i % 3) * 250, chaos: i % 2 === 0 ? 10.5 : 0 });
    }
    const by = (key: (m: (typeof made)[number]) => number) => [...made].sort((x, y) => key(y) - key(x) || y.at - x.at || y.id - x.id).map((m) => m.id);
    const byRating = by((m) => m.rating ?? 0);
    expect(ids({ sort: 'rating', limit: 17 })).toEqual(byRating);
    expect(made.find((m) => m.id === byRating.at(-1))?.rating).toBeNull();
    for (const limit of [1, 2, 3, 5]) expect(walk({ sort: 'rating', limit })).toEqual(byRating);
    expect(walk({ sort: 'stylize', limit: 4 })).toEqual(by((m) => m.stylize));
    expect(walk({ sort: 'chaos', limit: 3 })).toEqual(by((m) => m.chaos));
    // words with a value order: the date-ordered index cannot drive the page, the order still holds
    expect(walk({ sort: 'rating', limit: 2, text: 'lantern' })).toEqual(byRating);
    expect(countSearch(db, { sort: 'rating', text: 'lantern' })).toBe(17);
  });

  it('refuses a cursor of another order', () => {
    for (let i = 0; i < 3; i += 1) addGeneration(db, 1000 + i, { prompt: `lantern ${i}` });
    const byRating = searchGenerations(db, { sort: 'rating', limit: 1 }).nextCursor ?? '';
    const byDate = searchGenerations(db, { limit: 1 }).nextCursor ?? '';
    expect(() => searchGenerations(db, { cursor: byRating, sort: 'stylize' })).toThrowError(/out of date/);
    expect(() => searchGenerations(db, { cursor: byRating })).toThrowError(/out of date/);
    expect(() => searchGenerations(db, { cursor: byDate, sort: 'rating' })).toThrowError(/out of date/);
    const forged = Buffer.from(JSON.stringify(['r', 'x', 1, 1])).toString('base64url');
    expect(() => searchGenerations(db, { cursor: forged, sort: 'rating' })).toThrowError(/out of date/);
  });
});

describe('nasty search text', () => {
  const nasty = [
    '"', '"unbalanced', 'unbalanced"', '""', '*', '**', '-', '--', '- -', 'neon*', '*neon', 'ne*on', 'a:b', 'prompt:neon',
    '(', ')', '()', 'NEAR(', 'NEAR(neon city, 2)', 'AND', 'OR NOT', 'NOT', 'neon AND', '^', '^neon', '{}', '{prompt}: neon',
    '🎨', '🎨 neon 🌃', '-🎨', '\u0000', 'neon\u0000city', "'; DROP TABLE generations; --", '\\', '+', '-"', '-"neon', 'a"b"c',
    '"neon" "city', '*"neon"', 'neon**', '\t\n', 'x'.repeat(10_000), 'neon '.repeat(2000), '"'.repeat(501), 'é', 'ß', 'İstanbul',
  ];
  beforeEach(() => {
    addGeneration(db, 1000, { prompt: 'neon city', negativePrompt: 'blurry' });
    addGeneration(db, 2000, { prompt: 'quiet meadow' });
  });

  // results, or the artist-readable explanation of the bad term (invalid_input), never anything else
  const resultsOrExplanation = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(Failure);
      expect((error as Failure).code).toBe('invalid_input');
    }
  };
  it.each(nasty.map((text) => [JSON.stringify(text).slice(0, 40), text]))('%s gives results or an explanation', (_label, text) => {
    const clipped = text.slice(0, 2000);
    resultsOrExplanation(() => searchGenerations(db, { text: clipped }));
    resultsOrExplanation(() => countSearch(db, { text: clipped }));
    expect(() => parseQuery(text)).not.toThrow();
  });

  it('answers text over the limit with a clear message instead of an exception from SQLite', () => {
    expect(() => searchGenerations(db, { text: 'x'.repeat(10_000) })).toThrowError(/too long/);
  });

  it('treats FTS operators as plain words', () => {
    expect(ids({ text: 'NEAR(neon city, 2)' })).toEqual([]);
    expect(() => ids({ text: '(neon' })).toThrowError(/never closed/);
    expect(ids({ text: 'neon or meadow' })).toEqual([]);
    expect(ids({ text: '"neon" -"meadow' }).length).toBe(1);
    expect(() => ids({ text: 'prompt:neon' })).toThrowError(/not something the search knows/);
    expect(searchGenerations(db, { text: '-🎨' }).items.length).toBe(2);
  });
});

describe('the shared search schema', () => {
  it('fills defaults and refuses unknown or out-of-range fields', async () => {
    const { librarySearchSchema } = await import('../../shared/search.ts');
    expect(librarySearchSchema.parse({})).toEqual({ text: '', utcOffsetMinutes: 0, sort: 'newest', limit: 60 });
    expect(librarySearchSchema.safeParse({ sql: 'DROP TABLE' }).success).toBe(false);
    expect(librarySearchSchema.safeParse({ models: ['dall-e'] }).success).toBe(false);
    expect(librarySearchSchema.safeParse({ seed: -1 }).success).toBe(false);
    expect(librarySearchSchema.safeParse({ limit: 1000 }).success).toBe(false);
  });
});

describe('query plans', () => {
  const plan = (search: LibrarySearchInput) => explainSearch(db, search).join(' | ');

  it('walk an index in page order instead of sorting every match', () => {
    for (const search of [{}, { text: '-blurry' }]) {
      expect(plan(search)).toMatch(/USING (COVERING )?INDEX generations_created/);
      expect(plan(search)).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
    expect(plan({ favorite: true })).toMatch(/INDEX generations_favorite/);
    // beside the gallery's statuses, a model or ratio filter walks its own index, not the status one
    expect(plan({ models: ['midjourney-v7-niji'], statuses: ['done'] })).toMatch(/INDEX generations_model/);
    expect(plan({ aspectRatios: ['16:9'], statuses: ['done'] })).toMatch(/INDEX generations_aspect/);
  });

  it('beside typed model, ratio, favourite or simulated terms, walk their index, not the status one', () => {
    const done = ['done' as const];
    for (const [text, index] of [
      ['model:niji s:>=500 chaos:..50', 'generations_model'],
      ['ar:16:9 s:>=500', 'generations_aspect'],
      ['is:fav chaos:..50', 'generations_favorite'],
      ['is:simulated', 'generations_simulated'],
      ['(model:niji s:>=500) w:..10', 'generations_model'],
    ] as const) {
      expect(plan({ text, statuses: done })).toMatch(new RegExp(`INDEX ${index}`));
      expect(plan({ text, statuses: done })).not.toMatch(/TEMP B-TREE/);
    }
    // alone, or beside terms no index of their own serves, the statuses still pick their index
    expect(plan({ text: 's:>=500', statuses: done })).toMatch(/INDEX generations_status/);
    expect(plan({ text: 'model:niji OR s:>=500', statuses: done })).toMatch(/INDEX generations_status/);
  });

  it('read the search index in date order for words, stopping after the page (migration 7)', () => {
    const cursor = Buffer.from(JSON.stringify(['n', 5000, 10])).toString('base64url');
    const words = [{ text: 'neon' }, { text: 'neon -blurry' }, { text: 'neon', cursor }, { models: ['midjourney-v8' as const], text: 'neon' }, { text: 'photographic' }];
    for (const search of words) {
      expect(plan(search)).toMatch(/^SCAN s VIRTUAL TABLE/);
      expect(plan(search)).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('read an OR of words and fields as date-ordered streams, each branch by its own index, never the whole match list', () => {
    const done = ['done' as const];
    // the word reads the search index in date order, the favourites their index: no list of every match of the word
    const wordOrFavourite = plan({ text: 'neon OR is:fav', statuses: done });
    expect(wordOrFavourite).toMatch(/^SCAN s VIRTUAL TABLE/);
    expect(wordOrFavourite).toMatch(/INDEX generations_favorite/);
    expect(wordOrFavourite).not.toMatch(/LIST SUBQUERY|TEMP B-TREE/);
    // a word beside the OR goes into each branch, so it still reads the search index
    expect(plan({ text: 'city (neon OR model:v8)', statuses: done })).not.toMatch(/LIST SUBQUERY|TEMP B-TREE/);
  });

  it('merge the streams of an OR into one page in date order, page after page', () => {
    const made = [1, 2, 3, 4, 5, 6, 7, 8].map((i) =>
      addGeneration(db, 1000 * i, { prompt: i % 3 === 0 ? 'axolotl in a pond' : 'a quiet street', model: i % 2 === 0 ? 'midjourney-v8' : 'midjourney-v7' }).id,
    );
    const expected = made.filter((_, i) => (i + 1) % 3 === 0 || (i + 1) % 2 === 0).reverse();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = searchGenerations(db, { text: 'axolotl OR model:v8', limit: 2, ...(cursor === null ? {} : { cursor }) });
      seen.push(...page.items.map((g) => g.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(expected);
    expect(countSearch(db, { text: 'axolotl OR model:v8' })).toBe(expected.length);
  });
});
