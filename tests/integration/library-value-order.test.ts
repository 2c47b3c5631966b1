/**
 * Migrations 13 and 17: the Sort menu's value orders (highest rated, stylize, chaos) read in order,
 * an unset stylize or chaos placed at Midjourney's default. On a library made at version 11 (or 16)
 * the pages stay right while they sort every match, the backfill (on a connection of its own, as the
 * upkeep thread's) adds every older row (or re-keys its unset settings) in short transactions while
 * the core keeps writing, and then a page walks `value_order` and stops after the page. The triggers
 * keep the entries equal to the generations through every kind of write.
 */
import Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { closeLibrary, libraryPath, openLibrary, type Library } from '../../electron/core/library/database.ts';
import { curateImages } from '../../electron/core/library/curation.ts';
import { markFailed, softDelete } from '../../electron/core/library/generations.ts';
import { restoreBinned } from '../support/restore.ts';
import { LATEST_VERSION, schemaVersion } from '../../electron/core/library/migrations.ts';
import { explainSearch, searchGenerations } from '../../electron/core/library/search.ts';
import { fillValueOrder, valueOrderReady, WALK_BUDGET, type ValueOrderReport } from '../../electron/core/library/value-order.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { MIDJOURNEY_DEFAULTS } from '../../shared/generation.ts';
import { addGeneration, idsPageByPage } from '../support/library.ts';
import { SEARCH_LIBRARY_START, seedSearchLibrary } from '../support/search-library.ts';
import { tempDir } from '../support/temp-dir.ts';
import { purgeBinnedBefore } from '../support/purge.ts';

const dirs: { remove(): void }[] = [];
const opened: Library[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) dir.remove();
});
function library(generations: number, schema?: number): { db: Library; dataDir: string } {
  const dir = tempDir('atelier-value-order-');
  dirs.push(dir);
  seedSearchLibrary(dir.path, generations, schema === undefined ? {} : { schemaVersion: schema });
  const db = openLibrary(dir.path);
  opened.push(db);
  return { db, dataDir: dir.path };
}

interface Row {
  id: number;
  status: string;
  best_rating: number | null;
  effective_stylize: number | null;
  effective_chaos: number | null;
  created_at: number;
  deleted_at: number | null;
}

/** What value_order must hold, written out from the generations themselves. */
function expectedEntries(db: Library): string[] {
  const rows = db.prepare('SELECT id, status, best_rating, effective_stylize, effective_chaos, created_at, deleted_at FROM generations').all() as Row[];
  return rows
    .filter((row) => row.deleted_at === null)
    .flatMap((row) => [
      [1, row.status, row.best_rating ?? 0, row.created_at, row.id],
      [2, row.status, row.effective_stylize ?? MIDJOURNEY_DEFAULTS.stylize, row.created_at, row.id],
      [3, row.status, row.effective_chaos ?? MIDJOURNEY_DEFAULTS.chaos, row.created_at, row.id],
    ])
    .map((entry) => entry.join('|'))
    .sort();
}
const entries = (db: Library) =>
  (db.prepare('SELECT sort, status, value, created_at, generation_id FROM value_order').raw().all() as unknown[][]).map((entry) => entry.join('|')).sort();

/** The ids of a value order, written out plainly: highest first, unrated last, unset at Midjourney's default, newest first among equals. */
function referenceIds(db: Library, sort: 'rating' | 'stylize' | 'chaos', status: string): number[] {
  const rows = db.prepare('SELECT id, status, best_rating, effective_stylize, effective_chaos, created_at FROM generations WHERE deleted_at IS NULL AND status = ?').all(status) as Row[];
  const valueOf = (row: Row) =>
    sort === 'rating' ? (row.best_rating ?? 0) : sort === 'stylize' ? (row.effective_stylize ?? MIDJOURNEY_DEFAULTS.stylize) : (row.effective_chaos ?? MIDJOURNEY_DEFAULTS.chaos);
  return rows.sort((a, b) => valueOf(b) - valueOf(a) || b.created_at - a.created_at || b.id - a.id).map((row) => row.id);
}

const allIds = (db: Library, search: LibrarySearchInput) => idsPageByPage(db, search, 50);

const sorts = ['rating', 'stylize', 'chaos'] as const;
const walks = (plan: string[]) => plan.some((step) => step.includes('value_order USING PRIMARY KEY')) && !plan.some((step) => step.includes('TEMP B-TREE'));

/** Rates a spread of images, so "highest rated" has every value from unrated to 5. */
function rateSome(db: Library, count: number): void {
  for (let id = 1; id <= count; id += 7) curateImages(db, { images: [{ generationId: id, index: id % 4 }] }, { rating: ((id % 5) + 1) as 1 | 2 | 3 | 4 | 5 }, 5);
}

/**
 * The value-order job on a connection of its own, as the upkeep thread runs it, while the core's
 * connection goes on writing between its steps (`write` gets the write's number).
 */
async function fillWhileWriting(dataDir: string, write: (n: number) => void): Promise<{ report: ValueOrderReport; writes: number }> {
  const upkeep = new Database(libraryPath(dataDir));
  upkeep.pragma('busy_timeout = 5000');
  const filling = fillValueOrder(upkeep);
  let done = false;
  void filling.then(() => (done = true));
  let writes = 0;
  while (!done) {
    write(writes);
    writes += 1;
    await sleep(0);
  }
  const report = await filling;
  upkeep.close();
  return { report, writes };
}

describe('migration 13 on a library made at version 11', () => {
  it('pages sort every match until the backfill has added every older row while the core writes; then they walk the order', async () => {
    const { db, dataDir } = library(3000, 11);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(valueOrderReady(db)).toBe(false);
    rateSome(db, 3000);
    for (const sort of sorts) {
      expect(walks(explainSearch(db, { statuses: ['done'], sort }))).toBe(false);
      expect(allIds(db, { statuses: ['done'], sort })).toEqual(referenceIds(db, sort, 'done'));
    }

    const { report, writes } = await fillWhileWriting(dataDir, (n) => {
      const id = 1 + ((n * 131) % 3000);
      if (n % 3 === 0) curateImages(db, { generations: [id] }, { rating: 4 }, 6);
      else if (n % 3 === 1) softDelete(db, [id], 7);
      else addGeneration(db, SEARCH_LIBRARY_START + n * 1000, { prompt: `new ${n}`, stylize: n % 1000 });
    });
    expect(writes).toBeGreaterThan(3);
    expect(report.added).toBe(3000);
    // many short transactions, not one long one (each aims at ~10 ms; bench:library prints the longest at 1M)
    expect(report.steps).toBeGreaterThan(3);
    expect(valueOrderReady(db)).toBe(true);
    expect(entries(db)).toEqual(expectedEntries(db));
    for (const sort of sorts) {
      expect(walks(explainSearch(db, { statuses: ['done'], sort }))).toBe(true);
      expect(allIds(db, { statuses: ['done'], sort })).toEqual(referenceIds(db, sort, 'done'));
    }
  });

  it('gives an empty library nothing to backfill', () => {
    const dir = tempDir('atelier-value-order-');
    dirs.push(dir);
    const db = openLibrary(dir.path);
    opened.push(db);
    expect(valueOrderReady(db)).toBe(true);
  });
});

describe('migration 17 on a library made at version 16', () => {
  it('re-keys the entries of unset settings while the core writes, pages right before and after; then they walk the order again', async () => {
    const { db, dataDir } = library(3000, 16);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    // the entries written at version 16 still place an unset stylize or chaos below every value
    const oldKeys = () => db.prepare('SELECT count(*) FROM value_order WHERE sort IN (2, 3) AND value = -1').pluck().get() as number;
    expect(oldKeys()).toBeGreaterThan(1000);
    expect(valueOrderReady(db)).toBe(false);
    for (const sort of ['stylize', 'chaos'] as const) {
      expect(walks(explainSearch(db, { statuses: ['done'], sort }))).toBe(false);
      expect(allIds(db, { statuses: ['done'], sort })).toEqual(referenceIds(db, sort, 'done'));
    }

    // the core sets, clears and bins settings of rows the re-keying has and has not reached yet
    const unset = db.prepare('SELECT id FROM generations WHERE effective_stylize IS NULL AND deleted_at IS NULL ORDER BY id').pluck().all() as number[];
    const setting = db.prepare('UPDATE generations SET effective_stylize = ?, effective_chaos = ? WHERE id = ?');
    const { report, writes } = await fillWhileWriting(dataDir, (n) => {
      const id = unset[(n * 37) % unset.length] ?? 1;
      if (n % 4 === 0) setting.run(n % 1000, null, id);
      else if (n % 4 === 1) setting.run(null, n % 100, id);
      else if (n % 4 === 2) softDelete(db, [id], 7);
      else addGeneration(db, SEARCH_LIBRARY_START + n * 1000, { prompt: `new ${n}` });
    });
    expect(writes).toBeGreaterThan(3);
    expect(report.added).toBe(3000);
    expect(report.steps).toBeGreaterThan(3);
    expect(valueOrderReady(db)).toBe(true);
    expect(oldKeys()).toBe(0);
    expect(entries(db)).toEqual(expectedEntries(db));
    for (const sort of sorts) {
      expect(walks(explainSearch(db, { statuses: ['done'], sort }))).toBe(true);
      expect(allIds(db, { statuses: ['done'], sort })).toEqual(referenceIds(db, sort, 'done'));
    }
  });
});

describe('value_order kept by the triggers', () => {
  it('follows inserts, ratings, status changes, the bin, a restore and a purge', () => {
    const { db } = library(400);
    expect(valueOrderReady(db)).toBe(true);
    rateSome(db, 400);
    expect(entries(db)).toEqual(expectedEntries(db));
    curateImages(db, { generations: [8] }, { rating: null }, 9);
    curateImages(db, { images: [{ generationId: 15, index: 2 }] }, { deleted: true }, 9);
    const failed = addGeneration(db, SEARCH_LIBRARY_START + 5, { prompt: 'a run that fails', chaos: 40 });
    markFailed(db, failed.id, 'boom', 'it failed', 10);
    softDelete(db, [3, 4, 5], 11);
    restoreBinned(db, [4], 12);
    expect(entries(db)).toEqual(expectedEntries(db));
    purgeBinnedBefore(db, Number.MAX_SAFE_INTEGER);
    expect(entries(db)).toEqual(expectedEntries(db));
    closeLibrary(db);
    opened.splice(0);
  });
});

describe('a value-order page', () => {
  it('walks value_order in order and stops after the page (no sort), for each order, first and later pages', () => {
    const { db } = library(2000);
    rateSome(db, 2000);
    for (const sort of sorts) {
      const first = searchGenerations(db, { statuses: ['done'], sort, limit: 30 });
      expect(walks(explainSearch(db, { statuses: ['done'], sort, limit: 30 }))).toBe(true);
      expect(walks(explainSearch(db, { statuses: ['done'], sort, limit: 30, cursor: first.nextCursor ?? '' }))).toBe(true);
      expect(walks(explainSearch(db, { statuses: ['done'], sort, text: 'model:v7 ar:1:1 is:fav' }))).toBe(true);
    }
  });

  it('lists the matches and sorts them for words, several statuses or a status typed', () => {
    const { db } = library(500);
    expect(walks(explainSearch(db, { statuses: ['done'], sort: 'rating', text: 'portrait' }))).toBe(false);
    expect(walks(explainSearch(db, { statuses: ['done', 'failed'], sort: 'rating' }))).toBe(false);
    expect(walks(explainSearch(db, { statuses: ['done'], sort: 'rating', text: 'status:failed' }))).toBe(false);
  });

  it('gives up the walk for a filter too narrow for it, and still answers right', () => {
    // more finished generations than the walk reads before giving up
    const { db } = library(WALK_BUDGET + 500);
    const seed = (db.prepare('SELECT effective_seed FROM generations WHERE id = 11').pluck().get() as number);
    const search: LibrarySearchInput = { statuses: ['done'], sort: 'stylize', seed };
    const ids = db.prepare("SELECT id FROM generations WHERE effective_seed = ? AND status = 'done' AND deleted_at IS NULL").pluck().all(seed);
    expect(allIds(db, search)).toEqual(ids);
  });
});
