/**
 * Migration 7 on a library that already holds generations: searches stay right while the old index
 * serves them, the background backfill (on a connection of its own, as the upkeep thread's) indexes
 * every older row while the core keeps writing, and the old index is gone at the end. The oracle is
 * a library built fresh at this version from the same rows, whose index the triggers made (the
 * reference test proves that one right).
 */
import Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { closeLibrary, libraryPath, openLibrary, type Library } from '../../electron/core/library/database.ts';
import { softDelete } from '../../electron/core/library/generations.ts';
import { curateImages } from '../../electron/core/library/curation.ts';
import { LATEST_VERSION, schemaVersion } from '../../electron/core/library/migrations.ts';
import { fillSearchIndex, searchIndexNeedsWork, searchIndexReady } from '../../electron/core/library/search-index.ts';
import { explainSearch } from '../../electron/core/library/search.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { addGeneration, idsPageByPage } from '../support/library.ts';
import { SEARCH_LIBRARY_START, seedSearchLibrary } from '../support/search-library.ts';
import { tempDir } from '../support/temp-dir.ts';

const dirs: { remove(): void }[] = [];
const opened: Library[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) dir.remove();
});
function folder(): string {
  const dir = tempDir('atelier-search-index-');
  dirs.push(dir);
  return dir.path;
}

const mix: LibrarySearchInput[] = [
  {},
  { text: 'portrait' },
  { text: 'photograph' },
  { text: 'castle -watercolor' },
  { text: '-portrait', statuses: ['done'] },
  { text: '"golden hour"' },
  { text: 'neo*' },
  { text: 'axolotl OR is:fav' },
  { text: 'castle', favorite: true },
  { text: 'fog', sort: 'oldest' },
];

/** Every id a search finds, page after page (pages of 9 end inside the batches sharing a millisecond). */
const allIds = (db: Library, search: LibrarySearchInput) => idsPageByPage(db, search, 9);

/** A library made now from the same rows: its index is the triggers' own. */
function freshCopy(from: string): Library {
  const dataDir = folder();
  const fresh = openLibrary(dataDir);
  opened.push(fresh);
  fresh.exec(`ATTACH '${libraryPath(from)}' AS old`);
  fresh.exec('INSERT INTO generations SELECT * FROM old.generations ORDER BY id');
  fresh.exec('DETACH old');
  expect(searchIndexReady(fresh)).toBe(true);
  return fresh;
}

const answers = (db: Library) => mix.map((search) => allIds(db, search));

describe('migration 7 on a library made at version 6', () => {
  it('searches stay right on the old index, then the backfill indexes every row while the core writes, and the old index goes', async () => {
    const dataDir = folder();
    seedSearchLibrary(dataDir, 3000, { schemaVersion: 6 });
    const db = openLibrary(dataDir);
    opened.push(db);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(searchIndexReady(db)).toBe(false);

    // before the backfill: the old index answers, as right as a fresh library
    expect(explainSearch(db, { text: 'portrait' }).join(' | ')).toMatch(/generations_created/);
    expect(answers(db)).toEqual(answers(freshCopy(dataDir)));

    // the backfill on a connection of its own, the core writing between its steps
    const worker = new Database(libraryPath(dataDir));
    opened.push(worker);
    const filling = fillSearchIndex(worker);
    let writesDuring = 0;
    for (let i = 0; !searchIndexReady(db); i += 1) {
      // an import-like row older than everything, a row redated onto another's millisecond, a prompt changed, a bin, a purge
      addGeneration(db, SEARCH_LIBRARY_START - (i + 1) * 240_000, { prompt: `imported portrait photograph number ${i}` });
      // (coalesce: the fill rests between steps, so the loop runs long enough to pick a row purged below)
      db.prepare('UPDATE generations SET created_at = coalesce((SELECT created_at FROM generations WHERE id = ?), created_at) WHERE id = ?').run(1 + ((i * 7) % 3000), 1 + ((i * 13) % 3000));
      db.prepare("UPDATE generations SET effective_prompt = 'a watercolor axolotl, photographic' WHERE id = ?").run(1 + ((i * 29) % 3000));
      if (i % 3 === 0) softDelete(db, [1 + ((i * 31) % 3000)], 5);
      if (i % 4 === 0) curateImages(db, { generations: [1 + ((i * 37) % 3000)] }, { favorite: true }, 5);
      if (i % 5 === 0) db.prepare('DELETE FROM generations WHERE id = ?').run(1 + ((i * 41) % 3000));
      writesDuring += 1;
      await sleep(1);
    }
    const report = await filling;
    expect(writesDuring).toBeGreaterThan(2);
    expect(report.indexed).toBeGreaterThan(2000);
    expect(report.oldIndexRemoved).toBe(true);

    // after: the date-ordered index answers, as right as a fresh library, and the old index is gone
    expect(explainSearch(db, { text: 'portrait' }).join(' | ')).toMatch(/^SCAN s VIRTUAL TABLE/);
    expect(answers(db)).toEqual(answers(freshCopy(dataDir)));
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'generations_fts%'").all()).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM search_order').get()).toEqual(db.prepare('SELECT count(*) AS n FROM generations').get());
    // and the core's writes after it keep the index right
    addGeneration(db, SEARCH_LIBRARY_START, { prompt: 'one more photographic portrait' });
    expect(answers(db)).toEqual(answers(freshCopy(dataDir)));
    // running it again has nothing to do
    expect(await fillSearchIndex(worker)).toEqual({ indexed: 0, longestStepMs: 0, oldIndexRemoved: false });
  });

  it('the old index goes in steps: the full check finds the library sound between them, the core writes on, and a stop carries on at the next start', async () => {
    const dataDir = folder();
    seedSearchLibrary(dataDir, 3000, { schemaVersion: 6 });
    const db = openLibrary(dataDir);
    opened.push(db);
    const tables = () => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'generations_fts%' ORDER BY name").pluck().all();
    const stopped = new Database(libraryPath(dataDir));
    const filling = fillSearchIndex(stopped).then(
      () => 'finished',
      (error: unknown) => String(error),
    );
    // the old index's row leaves the schema first; its tables then go in steps, the core writing between them
    let between = 0;
    for (let i = 0; between < 3 && i < 20_000; i += 1) {
      const left = tables();
      if (left.length > 0 && !left.includes('generations_fts')) {
        between += 1;
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        addGeneration(db, SEARCH_LIBRARY_START, { prompt: `a portrait written while the old index goes, ${i}` });
        expect(idsPageByPage(db, { text: 'portrait' }, 50).length).toBeGreaterThan(0);
      }
      await sleep(1);
    }
    expect(between).toBe(3);
    // a stop half-way (the thread's connection closes between two steps, as when Atelier quits)
    stopped.close();
    expect(await filling).toMatch(/not open/);
    expect(tables().length).toBeGreaterThan(0);
    expect(searchIndexNeedsWork(db)).toBe(true);

    const next = new Database(libraryPath(dataDir));
    opened.push(next);
    const report = await fillSearchIndex(next);
    expect(report).toMatchObject({ indexed: 0, oldIndexRemoved: true });
    expect(tables()).toEqual([]);
    expect(searchIndexNeedsWork(db)).toBe(false);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(answers(db)).toEqual(answers(freshCopy(dataDir)));
  });

  it('an empty library is ready at once', () => {
    const db = openLibrary(folder());
    opened.push(db);
    expect(searchIndexReady(db)).toBe(true);
    closeLibrary(db);
  });
});
