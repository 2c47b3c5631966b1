/**
 * Search results proven right, not just fast: for a mix of queries on a seeded 20,000-generation
 * library, every id the real search returns (on its worker thread, page after page by cursor) and
 * its count are compared with a plain reference: the query language written out as obviously
 * correct SQL over the rows, with the words matched by a small tokenizer of its own (no FTS5), and
 * the image terms (favourites, ratings, rejects, collections) read from the images themselves,
 * never from the generation's derived summary.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLibrary, libraryPath, openLibrary, type Library } from '../../electron/core/library/database.ts';
import { startLibraryThreads, type LibraryThreads } from '../../electron/core/library/threads.ts';
import { searchIndexReady } from '../../electron/core/library/search-index.ts';
import { valueOrderReady } from '../../electron/core/library/value-order.ts';
import { memberOrderReady } from '../../electron/core/library/member-order.ts';
import { migrate } from '../../electron/core/library/migrations.ts';
import type { QueryNode } from '../../shared/query/ast.ts';
import { parseQuery } from '../../shared/query/parse.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { MIDJOURNEY_DEFAULTS } from '../../shared/generation.ts';
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

/** Whether `words` follow one another somewhere in the text's tokens; unless exact, the last only has to start them. */
function occursIn(tokens: readonly string[], words: readonly string[], exact: boolean): boolean {
  const last = words.length - 1;
  for (let start = 0; start + last < tokens.length; start += 1) {
    if (words.every((w, i) => (i === last && !exact ? (tokens[start + i] ?? '').startsWith(w) : tokens[start + i] === w))) return true;
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

interface Row {
  id: number;
  effective_prompt: string;
  effective_negative_prompt: string | null;
  effective_model: string;
  effective_aspect_ratio: string;
  effective_seed: number;
  effective_stylize: number | null;
  effective_chaos: number | null;
  effective_weird: number | null;
  effective_quality: number | null;
  effective_raw: number;
  source: string;
  status: string;
  created_at: number;
}

/** A single image still in the library (not deleted), as the image terms read it. */
interface Image {
  idx: number;
  favorite: number;
  rating: number | null;
  rejected: number;
}

/** The curation the reference reads: images by generation, collection members by name, tags by generation. */
interface Curation {
  images: Map<number, Image[]>;
  /** Lower-case name of a collection not in the bin → generation → bit mask of its images. */
  collections: Map<string, Map<number, number>>;
  /** Generation → lower-case tag names. */
  tags: Map<number, Set<string>>;
}
let curation: Curation;
const imagesOf = (id: number) => curation.images.get(id) ?? [];

const isImageTerm = (node: QueryNode): boolean =>
  (node.kind === 'flag' && (node.flag === 'favorite' || node.flag === 'rejected')) || (node.kind === 'range' && node.field === 'rating') || node.kind === 'collection';
const imageOnly = (node: QueryNode): boolean =>
  node.kind === 'and' || node.kind === 'or' ? node.items.every(imageOnly) : node.kind === 'not' ? imageOnly(node.item) : isImageTerm(node);

/** Whether one image holds an image-only tree. */
function imageHolds(node: QueryNode, image: Image, generation: number): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.every((item) => imageHolds(item, image, generation));
    case 'or':
      return node.items.some((item) => imageHolds(item, image, generation));
    case 'not':
      return !imageHolds(node.item, image, generation);
    case 'flag':
      return node.flag === 'favorite' ? image.favorite === 1 : image.rejected === 1;
    case 'range': {
      const value = image.rating;
      if (value === null) return false;
      return (node.lowest === undefined || (node.lowest.included ? value >= node.lowest.value : value > node.lowest.value)) &&
        (node.highest === undefined || (node.highest.included ? value <= node.highest.value : value < node.highest.value));
    }
    case 'collection':
      return (((curation.collections.get(node.name.toLowerCase())?.get(generation) ?? 0) >> image.idx) & 1) === 1;
    default:
      throw new Error(`not an image term: ${node.kind}`);
  }
}

/**
 * The image terms of one AND hold for the same image: one image still in the library holds them
 * all. A collection term alone is the generation's membership (a member row holds an image's bit).
 */
function imagesHold(items: readonly QueryNode[], row: Row): boolean {
  const [only] = items;
  if (items.length === 1 && only?.kind === 'collection') return curation.collections.get(only.name.toLowerCase())?.has(row.id) ?? false;
  return imagesOf(row.id).some((image) => items.every((item) => imageHolds(item, image, row.id)));
}

const columnOf = { seed: 'effective_seed', stylize: 'effective_stylize', chaos: 'effective_chaos', weird: 'effective_weird', quality: 'effective_quality' } as const;

/** The artist's local midnight starting a day, written out with its own arithmetic. */
const localMidnight = (day: { year: number; month: number; day: number }, utcOffsetMinutes: number) =>
  Date.UTC(day.year, day.month - 1, day.day) - utcOffsetMinutes * 60_000;

/** Whether one row matches a query tree, term by term, with no SQL and no FTS5. */
function holds(node: QueryNode, row: Row, utcOffsetMinutes: number): boolean {
  if (imageOnly(node)) return imagesHold([node], row);
  switch (node.kind) {
    case 'and': {
      const images = node.items.filter(imageOnly);
      const rest = node.items.filter((item) => !imageOnly(item));
      return rest.every((item) => holds(item, row, utcOffsetMinutes)) && (images.length === 0 || imagesHold(images, row));
    }
    case 'or':
      return node.items.some((item) => holds(item, row, utcOffsetMinutes));
    case 'not':
      return !holds(node.item, row, utcOffsetMinutes);
    case 'text':
      return occursIn(cachedTokens(node.column === 'prompt' ? row.effective_prompt : row.effective_negative_prompt), tokenize(node.text), node.exact);
    case 'range': {
      if (node.field === 'rating') throw new Error('ratings are image terms');
      // a setting left unset is what Midjourney used for it: its default
      const value = node.field === 'seed' ? row.effective_seed : (row[columnOf[node.field]] ?? MIDJOURNEY_DEFAULTS[node.field]);
      const low = node.lowest === undefined || (node.lowest.included ? value >= node.lowest.value : value > node.lowest.value);
      const high = node.highest === undefined || (node.highest.included ? value <= node.highest.value : value < node.highest.value);
      return low && high;
    }
    case 'aspect':
      return row.effective_aspect_ratio === node.value;
    case 'model':
      return row.effective_model === node.value;
    case 'status':
      return row.status === node.value;
    case 'flag':
      if (node.flag === 'favorite' || node.flag === 'rejected') throw new Error('favourites and rejects are image terms');
      return node.flag === 'raw' ? row.effective_raw === 1 : row.source === 'sandbox';
    case 'date': {
      if (node.range.type !== 'days') throw new Error('the reference compares fixed days only (today and last: move with the clock)');
      const { from, before } = node.range;
      return (from === undefined || row.created_at >= localMidnight(from, utcOffsetMinutes)) && (before === undefined || row.created_at < localMidnight(before, utcOffsetMinutes));
    }
    case 'tag':
      return curation.tags.get(row.id)?.has(node.name.toLowerCase()) ?? false;
    case 'collection':
      throw new Error('collections are image terms');
    case 'batch':
      throw new Error('the reference library holds no batches (tests/integration/run-batches.test.ts covers batch:)');
    case 'stack':
      throw new Error('the reference library holds no reruns (tests/integration/library-stacks.test.ts covers stack:)');
  }
}

const namesAny = (node: QueryNode, is: (node: QueryNode) => boolean): boolean =>
  is(node) || ((node.kind === 'and' || node.kind === 'or') && node.items.some((item) => namesAny(item, is))) || (node.kind === 'not' && namesAny(node.item, is));
const namesStatus = (node: QueryNode) => namesAny(node, (n) => n.kind === 'status');
const namesRejected = (node: QueryNode) => namesAny(node, (n) => n.kind === 'flag' && n.flag === 'rejected');

/** The generation's favourite, best rating and "every image rejected", from its images. */
const anyFavorite = (row: Row) => imagesOf(row.id).some((image) => image.favorite === 1);
const bestRating = (row: Row) => Math.max(0, ...imagesOf(row.id).map((image) => image.rating ?? 0));
const allRejected = (row: Row) => imagesOf(row.id).length > 0 && imagesOf(row.id).every((image) => image.rejected === 1);

/** The value a value order sorts by, highest first; unrated below every rating, an unset setting at Midjourney's default. */
const sortValue: Record<'rating' | 'stylize' | 'chaos', (row: Row) => number> = {
  rating: bestRating,
  stylize: (row) => row.effective_stylize ?? MIDJOURNEY_DEFAULTS.stylize,
  chaos: (row) => row.effective_chaos ?? MIDJOURNEY_DEFAULTS.chaos,
};

/** The reference ids, in the order asked for, of every generation a search should find. */
function referenceIds(db: Database.Database, search: LibrarySearchInput): number[] {
  const parsed = parseQuery(search.text ?? '');
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const root = parsed.root;
  const where = ['deleted_at IS NULL'];
  const values: unknown[] = [];
  const list = (column: string, items: readonly unknown[] | undefined) => {
    if (items === undefined || items.length === 0) return;
    where.push(`${column} IN (${items.map(() => '?').join(', ')})`);
    values.push(...items);
  };
  list('effective_model', search.models);
  list('effective_aspect_ratio', search.aspectRatios);
  if (root === null || !namesStatus(root)) list('status', search.statuses);
  const add = (clause: string, value: unknown) => {
    if (value === undefined) return;
    where.push(clause);
    values.push(value);
  };
  add('created_at >= ?', search.createdFrom);
  add('created_at < ?', search.createdBefore);
  add('effective_seed = ?', search.seed);
  for (const name of ['stylize', 'chaos', 'weird'] as const) {
    add(`coalesce(effective_${name}, ${MIDJOURNEY_DEFAULTS[name]}) >= ?`, search[name]?.min);
    add(`coalesce(effective_${name}, ${MIDJOURNEY_DEFAULTS[name]}) <= ?`, search[name]?.max);
  }
  const direction = search.sort === 'oldest' ? 'ASC' : 'DESC';
  const sql = `SELECT * FROM generations WHERE ${where.join(' AND ')} ORDER BY created_at ${direction}, id ${direction}`;
  const rows = (db.prepare(sql).all(...values) as Row[])
    .filter((row) => search.favorite === undefined || anyFavorite(row) === search.favorite)
    .filter((row) => search.hideRejected !== true || (root !== null && namesRejected(root)) || !allRejected(row))
    .filter((row) => root === null || holds(root, row, search.utcOffsetMinutes ?? 0));
  const sort = search.sort ?? 'newest';
  // the rows are newest first already: a stable sort by the value keeps that among equals
  if (sort === 'rating' || sort === 'stylize' || sort === 'chaos') rows.sort((a, b) => sortValue[sort](b) - sortValue[sort](a));
  return rows.map((row) => row.id);
}

// ── the real search, as the gallery reads it: page after page on the pages thread ──

async function realIds(threads: LibraryThreads, search: LibrarySearchInput, limit = 200): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await threads.search(cursor === null ? { ...search, limit } : { ...search, limit, cursor });
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

beforeAll(async () => {
  // made at version 6 and opened by this Atelier: migration 7's index is filled by the background
  // backfill (newest ids first, so a millisecond can be indexed out of id order) before the searches
  seedSearchLibrary(dir.path, GENERATIONS, { schemaVersion: 6 });
  // curated at version 15, so the tags' and collections' date order (migration 16) is filled by its backfill too
  const older = new Database(libraryPath(dir.path));
  migrate(older, 15);
  curate(older);
  older.close();
  db = openLibrary(dir.path);
  expect(memberOrderReady(db)).toBe(false);
  // the value orders (migration 13) are filled by their backfill too
  threads = startLibraryThreads({ db, dataDir: dir.path, fullCheck: false, onDamage: () => undefined });
  await threads.searchIndexed;
  await threads.valueOrdered;
  await threads.membersOrdered;
  expect(searchIndexReady(db)).toBe(true);
  expect(valueOrderReady(db)).toBe(true);
  expect(memberOrderReady(db)).toBe(true);
  reference = new Database(libraryPath(dir.path), { readonly: true });
  curation = curationOf(reference);
  someSeed = (reference.prepare('SELECT effective_seed AS seed FROM generations WHERE id = 4242').get() as { seed: number }).seed;
});

/**
 * Curates single images in patterns no summary can shortcut: ratings, favourites and rejects on
 * some images, a deleted image here and there, whole generations rejected, two collections holding
 * some images of their generations, a binned one, and tags.
 */
function curate(library: Database.Database): void {
  library.transaction(() => {
    library.exec(`
      UPDATE images SET rating = 1 + (generation_id * 7 + idx) % 5 WHERE (generation_id * 13 + idx * 5) % 11 = 0;
      UPDATE images SET favorite = 1 WHERE (generation_id * 11 + idx * 3) % 37 = 0;
      UPDATE images SET rejected = 1 WHERE (generation_id * 5 + idx * 7) % 19 = 0 OR generation_id % 97 = 0;
      UPDATE images SET deleted_at = 5 WHERE generation_id % 23 = 0 AND idx = generation_id % 4;
      INSERT INTO collections (name, created_at) VALUES ('Moodboard', 0), ('Client picks', 0), ('Old board', 0);
      UPDATE collections SET deleted_at = 1 WHERE name = 'Old board';
      INSERT INTO collection_members (collection_id, generation_id, images, added_at)
        SELECT (SELECT id FROM collections WHERE name = 'Moodboard'), id, 1 + id % 15, 0 FROM generations WHERE id % 17 = 3;
      INSERT INTO collection_members (collection_id, generation_id, images, added_at)
        SELECT (SELECT id FROM collections WHERE name = 'Client picks'), id, 1 << (id % 4), 0 FROM generations WHERE id % 151 = 7;
      INSERT INTO collection_members (collection_id, generation_id, images, added_at)
        SELECT (SELECT id FROM collections WHERE name = 'Old board'), id, 15, 0 FROM generations WHERE id % 13 = 1;
      INSERT INTO tags (name, created_at) VALUES ('keeper', 0), ('print', 0);
      INSERT INTO generation_tags (tag_id, generation_id, added_at)
        SELECT (SELECT id FROM tags WHERE name = 'keeper'), id, 0 FROM generations WHERE id % 7 = 2;
      INSERT INTO generation_tags (tag_id, generation_id, added_at)
        SELECT (SELECT id FROM tags WHERE name = 'print'), id, 0 FROM generations WHERE id % 211 = 5;
    `);
  })();
}

/** The curation as plain maps, read from the tables the artist's actions write (not the summaries). */
function curationOf(source: Database.Database): Curation {
  const images = new Map<number, Image[]>();
  for (const row of source.prepare('SELECT generation_id, idx, favorite, rating, rejected FROM images WHERE deleted_at IS NULL').all() as (Image & { generation_id: number })[]) {
    images.set(row.generation_id, [...(images.get(row.generation_id) ?? []), row]);
  }
  const collections = new Map<string, Map<number, number>>();
  const members = source
    .prepare('SELECT lower(c.name) AS name, m.generation_id AS id, m.images AS mask FROM collection_members m JOIN collections c ON c.id = m.collection_id WHERE c.deleted_at IS NULL')
    .all() as { name: string; id: number; mask: number }[];
  for (const member of members) collections.set(member.name, (collections.get(member.name) ?? new Map<number, number>()).set(member.id, member.mask));
  const tags = new Map<number, Set<string>>();
  for (const row of source.prepare('SELECT lower(t.name) AS name, gt.generation_id AS id FROM generation_tags gt JOIN tags t ON t.id = gt.tag_id').all() as { name: string; id: number }[]) {
    tags.set(row.id, (tags.get(row.id) ?? new Set<string>()).add(row.name));
  }
  return { images, collections, tags };
}

afterAll(async () => {
  await threads.close();
  reference.close();
  closeLibrary(db);
  dir.remove();
});

const gallery = (search: LibrarySearchInput): LibrarySearchInput => ({ statuses: ['done'], sort: 'newest', ...search });

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
  // the query language, one case per family
  ['a word start', () => gallery({ text: 'portr' })],
  // word starts longer than the index's prefixes (6): the index narrows, the word check decides
  ['a long word start', () => gallery({ text: 'photograph' })],
  ['a long word start cut mid-word', () => gallery({ text: 'watercol' })],
  ['a long word start with a filter', () => gallery({ text: 'cinemati', favorite: true })],
  ['a phrase ending in a long word start', () => gallery({ text: '"award winning photogr"*' })],
  ['a long word start OR a short word', () => gallery({ text: 'photograph OR axolotl' })],
  ['a long word start excluded', () => gallery({ text: 'castle -watercolor' })],
  ['a long word start excluded alone', () => gallery({ text: '-photograph' })],
  ['a long word start in an OR with a field', () => gallery({ text: 'photography OR is:fav' })],
  ['an exact word in quotes', () => gallery({ text: '"portrait"' })],
  ['a word only in the negative prompt (no:)', () => gallery({ text: 'no:blurry' })],
  ['an excluded negative-prompt word', () => gallery({ text: 'castle -no:text' })],
  ['OR between words', () => gallery({ text: 'axolotl OR lighthouse' })],
  ['OR with AND binding tighter', () => gallery({ text: 'fog castle OR axolotl' })],
  ['brackets and an excluded group', () => gallery({ text: '(castle OR forest) -(fog OR night)' })],
  ['an exclusion inside OR (beyond one MATCH)', () => gallery({ text: '-portrait OR axolotl' })],
  ['OR across a word and a field', () => gallery({ text: 'axolotl OR seed:SOME' })],
  ['a seed term', () => ({ text: 'seed:SOME' })],
  ['a seed range', () => gallery({ text: 'seed:1000000..90000000' })],
  ['stylize above, chaos at most (s: alias)', () => gallery({ text: 's:>500 chaos:<=20' })],
  ['weird range and an excluded stylize (unset counts as the default, 100)', () => gallery({ text: 'weird:100..2000 -stylize:>=250' })],
  ['ranges that hold the defaults', () => gallery({ text: 's:..200 chaos:..50 weird:0' })],
  ['ranges that leave the defaults out', () => gallery({ text: 's:>100 -chaos:0' })],
  ['quality', () => gallery({ text: 'q:0.5' })],
  ['the default quality', () => gallery({ text: 'q:1 model:v7' })],
  ['a stylize filter reaching the default', () => gallery({ stylize: { max: 150 }, chaos: { min: 0, max: 0 } })],
  ['aspect ratio and model terms', () => gallery({ text: 'ar:16:9 model:niji' })],
  ['model OR model', () => gallery({ text: 'model:v7 OR model:v8 castle' })],
  ['is:raw and is:fav', () => gallery({ text: 'is:raw OR is:fav' })],
  ['status: replaces the default statuses', () => gallery({ text: 'status:failed' })],
  ['a month in a zone ahead of UTC', () => ({ text: 'date:2025-01', utcOffsetMinutes: 120 })],
  ['after and before in a zone behind UTC', () => ({ text: 'after:2024-12-20 before:2025-01-03 fog', utcOffsetMinutes: -300 })],
  ['a pasted Midjourney prompt with flags', () => gallery({ text: 'castle fog --ar 16:9 --s 250' })],
  ['oldest first with a word', () => ({ text: 'lighthouse', sort: 'oldest' })],
  ['oldest first with an exclusion and a filter', () => ({ text: '-watercolor', models: ['midjourney-v8'], sort: 'oldest' })],
  // single images: the terms of one AND hold for the same image (issue 9)
  ['a favourite image', () => gallery({ text: 'is:fav' })],
  ['rated at least 4', () => gallery({ text: 'rating:>=4' })],
  ['rated exactly 3 (an upper bound reads the images)', () => gallery({ text: 'rating:3' })],
  ['a favourite rated 2 to 3, the same image', () => gallery({ text: 'is:fav rating:2..3' })],
  ['a rejected favourite, the same image', () => gallery({ text: 'is:rejected is:fav' })],
  ['an image not rejected', () => gallery({ text: '-is:rejected castle' })],
  ['rejected', () => gallery({ text: 'is:rejected' })],
  ['hide rejected', () => gallery({ hideRejected: true })],
  ['hide rejected, given way to is:rejected', () => gallery({ hideRejected: true, text: 'is:rejected fog' })],
  ['the favourites filter of the form', () => gallery({ favorite: true, text: 'portrait' })],
  ['in a collection', () => gallery({ text: 'in:Moodboard' })],
  ['in a collection, any case', () => gallery({ text: 'in:"client PICKS"' })],
  ['in a binned collection', () => gallery({ text: 'in:"Old board"' })],
  ['in a collection and a favourite, the same image', () => gallery({ text: 'in:Moodboard is:fav' })],
  ['in a collection and rated, the same image', () => gallery({ text: 'in:Moodboard rating:>=3' })],
  ['an image outside a collection, with a word', () => gallery({ text: '-in:Moodboard castle' })],
  ['in a collection OR rated 5', () => gallery({ text: 'in:"Client picks" OR rating:5' })],
  ['a tag', () => gallery({ text: 'tag:keeper' })],
  ['a tag, oldest first', () => gallery({ text: 'tag:keeper', sort: 'oldest' })],
  ['a tag with filters and a rare tag beside it', () => gallery({ text: 'tag:keeper tag:print model:niji', hideRejected: true })],
  ['a tag OR a collection', () => gallery({ text: 'tag:print OR in:"Client picks"' })],
  ['a tag excluded, with a favourite', () => gallery({ text: '-tag:keeper is:fav' })],
  ['simulated', () => gallery({ text: 'is:simulated' })],
  // OR across text and fields
  ['a word OR a favourite', () => gallery({ text: 'lighthouse OR is:fav' })],
  ['a word OR a collection', () => gallery({ text: 'axolotl OR in:Moodboard' })],
  ['a word OR a rating, with a ratio', () => gallery({ text: '(castle OR rating:5) ar:16:9' })],
  ['a phrase OR a tag', () => gallery({ text: '"golden hour" OR tag:print' })],
  // read as date-ordered streams merged (search-streams.ts): each branch its own index, then the page
  ['a rare word OR a favourite', () => gallery({ text: 'axolotl OR is:fav' })],
  ['a common word OR a model', () => gallery({ text: 'portrait OR model:niji' })],
  ['three branches: a word, a tag, a ratio', () => gallery({ text: 'axolotl OR tag:print OR ar:9:16' })],
  ['a word beside an OR of a word and a favourite (distributed)', () => gallery({ text: 'castle (fog OR is:fav)' })],
  ['a favourite beside an OR of a word and a rating (not distributed: one image each)', () => gallery({ text: 'is:fav (axolotl OR rating:5)' })],
  ['a word OR an exclusion with a field', () => gallery({ text: 'lighthouse OR (-portrait model:v8)' })],
  ['a word OR a favourite, hide rejected, oldest first', () => ({ text: 'axolotl OR is:fav', hideRejected: true, sort: 'oldest' })],
  ['a word OR a failed one (the status term opens every status)', () => gallery({ text: 'axolotl OR status:failed' })],
  ['a long word start OR a tag, with a filter', () => gallery({ text: 'photograph OR tag:keeper', models: ['midjourney-v8'] })],
  // the Sort menu's value orders: highest first, unset last, newest first among equals
  ['highest rated', () => gallery({ sort: 'rating' })],
  ['stylize, highest first', () => gallery({ sort: 'stylize' })],
  ['chaos, highest first', () => gallery({ sort: 'chaos' })],
  ['highest rated, with a word', () => gallery({ sort: 'rating', text: 'castle' })],
  ['stylize, with a filter', () => gallery({ sort: 'stylize', text: 'model:niji', favorite: false })],
  ['chaos, with a narrow filter (the walk gives up)', () => gallery({ sort: 'chaos', text: 'tag:print' })],
  ['highest rated, in a collection with a favourite', () => gallery({ sort: 'rating', text: 'in:Moodboard is:fav' })],
  // the walk tests the tag on each entry's id before it reads the generation (value-order.ts)
  ['highest rated, a tag', () => gallery({ sort: 'rating', text: 'tag:keeper' })],
  ['highest rated, a tag and a collection, hide rejected', () => gallery({ sort: 'rating', text: 'tag:keeper in:Moodboard', hideRejected: true })],
  ['stylize, every status', () => ({ sort: 'stylize' })],
  ['highest rated, hide rejected', () => gallery({ sort: 'rating', hideRejected: true })],
];

describe('search against the reference on 20,000 generations', () => {
  const sizes: number[] = [];
  it.each(queries)('%s: the same ids in the same order, and the same count', async (_name, make) => {
    const made = make();
    const search = made.text?.includes('SOME') ? { ...made, text: made.text.replaceAll('SOME', String(someSeed)) } : made;
    const expected = referenceIds(reference, search);
    sizes.push(expected.length);
    expect(await realIds(threads, search)).toEqual(expected);
    expect((await threads.count(search)).total).toBe(expected.length);
  });

  // pages of 7 end inside the batches of four that share a millisecond: the cut must fall where (created_at, id) puts it
  const paged = [
    'a common word', 'a long word start', 'a phrase', 'oldest first with a word', 'filters only', 'highest rated', 'stylize, with a filter',
    'chaos, highest first', 'a common word OR a model', 'a word OR a favourite, hide rejected, oldest first',
    'a tag', 'a tag, oldest first', 'highest rated, a tag', 'in a collection', 'in a collection and a favourite, the same image', 'a tag OR a collection',
  ];
  it.each(queries.filter(([name]) => paged.includes(name)))(
    '%s, in pages of 7: the same ids in the same order',
    async (_name, make) => {
      expect(await realIds(threads, make(), 7)).toEqual(referenceIds(reference, make()));
    },
  );

  it('covers matches of every size, from none to most of the library', () => {
    expect(sizes).toHaveLength(queries.length);
    expect(Math.min(...sizes)).toBe(0);
    expect(Math.max(...sizes)).toBeGreaterThan(GENERATIONS / 2);
    expect(sizes.filter((n) => n > 0 && n < 200).length).toBeGreaterThan(2);
  });
});
