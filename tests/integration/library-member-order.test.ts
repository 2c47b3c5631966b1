/**
 * Migration 16: tags and collections read in date order. On a library made at version 15 the
 * pages stay right while they test each row, the backfill (on a connection of its own, as the
 * upkeep thread's) adds every older member row in short transactions while the core keeps
 * writing, and then a page of `tag:` or `in:` walks its list and stops after the page. The
 * triggers keep the entries equal to the member rows through every kind of write.
 */
import Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { libraryPath, openLibrary, type Library } from '../../electron/core/library/database.ts';
import { addToCollection, collectionNamed, deleteCollection, removeFromCollection, renameCollection, restoreCollection } from '../../electron/core/library/collections.ts';
import { softDelete } from '../../electron/core/library/generations.ts';
import { fillMemberOrder, memberOrderReady } from '../../electron/core/library/member-order.ts';
import { LATEST_VERSION, schemaVersion } from '../../electron/core/library/migrations.ts';
import { explainSearch, searchGenerations } from '../../electron/core/library/search.ts';
import { addTag, removeTag, renameTag } from '../../electron/core/library/tags.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { addGeneration, idsPageByPage } from '../support/library.ts';
import { purgeBinnedBefore } from '../support/purge.ts';
import { SEARCH_LIBRARY_START, seedSearchLibrary } from '../support/search-library.ts';
import { tempDir } from '../support/temp-dir.ts';

const dirs: { remove(): void }[] = [];
const opened: Library[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) dir.remove();
});
function library(generations: number, schema?: number): { db: Library; dataDir: string } {
  const dir = tempDir('atelier-member-order-');
  dirs.push(dir);
  seedSearchLibrary(dir.path, generations, { curation: true, ...(schema === undefined ? {} : { schemaVersion: schema }) });
  const db = openLibrary(dir.path);
  opened.push(db);
  return { db, dataDir: dir.path };
}

/** What member_order must hold, written out from the member rows and their generations' dates. */
const expectedEntries = (db: Library) =>
  (
    db
      .prepare(
        `SELECT 1, t.tag_id, g.created_at, g.id FROM generation_tags t JOIN generations g ON g.id = t.generation_id
         UNION ALL SELECT 2, m.collection_id, g.created_at, g.id FROM collection_members m JOIN generations g ON g.id = m.generation_id`,
      )
      .raw()
      .all() as unknown[][]
  )
    .map((entry) => entry.join('|'))
    .sort();
const entries = (db: Library) =>
  (db.prepare('SELECT list_kind, list_id, created_at, generation_id FROM member_order').raw().all() as unknown[][]).map((entry) => entry.join('|')).sort();

/** The finished generations of a tag or live collection, written out plainly, in the order asked. */
function referenceIds(db: Library, list: 'tag' | 'collection', name: string, sort: 'newest' | 'oldest' = 'newest'): number[] {
  const members =
    list === 'tag'
      ? 'SELECT t.generation_id FROM generation_tags t JOIN tags ON tags.id = t.tag_id WHERE tags.name = ?'
      : 'SELECT m.generation_id FROM collection_members m JOIN collections c ON c.id = m.collection_id WHERE c.name = ? AND c.deleted_at IS NULL';
  const direction = sort === 'newest' ? 'DESC' : 'ASC';
  return db
    .prepare(`SELECT id FROM generations WHERE deleted_at IS NULL AND status = 'done' AND id IN (${members}) ORDER BY created_at ${direction}, id ${direction}`)
    .pluck()
    .all(name) as number[];
}

const tagSearch = (name: string, sort: 'newest' | 'oldest' = 'newest'): LibrarySearchInput => ({ statuses: ['done'], sort, text: `tag:"${name}"` });
const collectionSearch = (name: string, sort: 'newest' | 'oldest' = 'newest'): LibrarySearchInput => ({ statuses: ['done'], sort, text: `in:"${name}"` });
const walks = (plan: string[]) => plan.some((step) => step.includes('USING PRIMARY KEY (list_kind=? AND list_id=?)')) && !plan.some((step) => step.includes('TEMP B-TREE'));

describe('migration 16 on a library made at version 15', () => {
  it('pages test each row until the backfill has added every older member while the core writes; then they walk the list', async () => {
    const { db, dataDir } = library(3000, 15);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(memberOrderReady(db)).toBe(false);
    expect(entries(db)).toEqual([]);
    expect(walks(explainSearch(db, tagSearch('keeper')))).toBe(false);
    expect(idsPageByPage(db, tagSearch('keeper'), 40)).toEqual(referenceIds(db, 'tag', 'keeper'));

    // the upkeep thread's connection fills while the core's goes on tagging, filing and adding between its steps
    const upkeep = new Database(libraryPath(dataDir));
    upkeep.pragma('busy_timeout = 5000');
    const filling = fillMemberOrder(upkeep);
    let done = false;
    void filling.then(() => (done = true));
    const moodboard = collectionNamed(db, 'Moodboard');
    let writes = 0;
    while (!done) {
      const id = 1 + ((writes * 131) % 3000);
      if (writes % 4 === 0) addTag(db, [id], 'keeper', 5);
      else if (writes % 4 === 1) removeTag(db, [id], 'keeper');
      else if (writes % 4 === 2) addToCollection(db, moodboard, [{ generationId: id, index: writes % 4 }], [], 6);
      else addTag(db, [addGeneration(db, SEARCH_LIBRARY_START + writes * 1000, { prompt: `new ${writes}` }).id], 'print', 7);
      writes += 1;
      await sleep(0);
    }
    const report = await filling;
    upkeep.close();
    // the core wrote while the fill ran (how many times depends on the machine's pace, so no count is asked)
    expect(writes).toBeGreaterThan(0);
    expect(report.walked).toBe(3000);
    expect(report.added).toBeGreaterThan(100);
    // 3,000 generations from a first batch of 2,000: at least two transactions, whatever their pace
    expect(report.steps).toBeGreaterThan(1);
    expect(memberOrderReady(db)).toBe(true);
    expect(entries(db)).toEqual(expectedEntries(db));
    for (const sort of ['newest', 'oldest'] as const) {
      expect(walks(explainSearch(db, tagSearch('keeper', sort)))).toBe(true);
      expect(idsPageByPage(db, tagSearch('keeper', sort), 40)).toEqual(referenceIds(db, 'tag', 'keeper', sort));
      expect(idsPageByPage(db, tagSearch('print', sort), 40)).toEqual(referenceIds(db, 'tag', 'print', sort));
      expect(walks(explainSearch(db, collectionSearch('Moodboard', sort)))).toBe(true);
      expect(idsPageByPage(db, collectionSearch('Moodboard', sort), 40)).toEqual(referenceIds(db, 'collection', 'Moodboard', sort));
    }
  });

  it('gives a library without tags or collections nothing to backfill', () => {
    const dir = tempDir('atelier-member-order-');
    dirs.push(dir);
    seedSearchLibrary(dir.path, 50, { schemaVersion: 15 });
    const db = openLibrary(dir.path);
    opened.push(db);
    expect(memberOrderReady(db)).toBe(true);
  });
});

describe('member_order kept by the triggers', () => {
  it('follows tagging, filing, renames, the bin, redating and a purge', () => {
    const { db } = library(600);
    expect(memberOrderReady(db)).toBe(true);
    expect(entries(db).length).toBeGreaterThan(50);
    expect(entries(db)).toEqual(expectedEntries(db));
    addTag(db, [1, 2, 3, 4, 5], 'Fresh', 9);
    removeTag(db, [2, 3], 'keeper');
    renameTag(db, 'Fresh', 'Fresher');
    const board = collectionNamed(db, 'Board', 9);
    addToCollection(db, board, [{ generationId: 7, index: 1 }], [8, 9, 10], 9);
    removeFromCollection(db, board, [], [9], 9);
    renameCollection(db, board, 'Board two');
    // an import dates a generation earlier than its id: its entries move with it
    db.prepare('UPDATE generations SET created_at = ? WHERE id IN (1, 8)').run(SEARCH_LIBRARY_START - 86_400_000);
    softDelete(db, [4, 10], 10);
    expect(entries(db)).toEqual(expectedEntries(db));
    expect(idsPageByPage(db, tagSearch('fresher'), 2)).toEqual(referenceIds(db, 'tag', 'Fresher'));
    expect(idsPageByPage(db, collectionSearch('board two'), 2)).toEqual(referenceIds(db, 'collection', 'Board two'));
    expect(referenceIds(db, 'collection', 'Board two')).toEqual([7, 8]);

    // a binned collection holds nothing, and its members come back with it
    deleteCollection(db, board, 11);
    expect(searchGenerations(db, collectionSearch('Board two')).items).toEqual([]);
    restoreCollection(db, board);
    expect(idsPageByPage(db, collectionSearch('Board two'), 50)).toEqual([7, 8]);

    purgeBinnedBefore(db, Number.MAX_SAFE_INTEGER);
    expect(entries(db)).toEqual(expectedEntries(db));
  });
});
