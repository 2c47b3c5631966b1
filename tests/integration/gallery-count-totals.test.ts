/**
 * The gallery's total with no text and no filter (what it shows at every start) is read from the
 * running totals (migration 21, library/count-from-totals.ts), not counted row by row. Checked
 * against a plain count of the rows for every mix of statuses, "Hide rejected" and stacking, after
 * reruns, rejects, bins and a purge; and any other search is still counted from the rows.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeLibrary, libraryPath, openLibrary, type Library } from '../../electron/core/library/database.ts';
import { curateImages } from '../../electron/core/library/curation.ts';
import { markFailed, markSubmitting, softDelete } from '../../electron/core/library/generations.ts';
import { migrate } from '../../electron/core/library/migrations.ts';
import { countMatches } from '../../electron/core/library/search.ts';
import { completeTotals, totalsCounted } from '../../electron/core/library/totals.ts';
import type { GenerationStatus } from '../../shared/generation.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { addFinishedRun, addGeneration } from '../support/library.ts';
import { libraryPerTest } from '../support/library-per-test.ts';
import { purgeBinnedBefore } from '../support/purge.ts';
import { tempDir } from '../support/temp-dir.ts';

let db: Library;
libraryPerTest((library) => ({ db } = library));

/** Reruns of two prompts and one-offs, some wholly rejected, some binned (one purged), some failed. */
function seed(on: Library): void {
  const ids: number[] = [];
  for (let at = 1; at <= 40; at += 1) ids.push(addFinishedRun(on, at, { prompt: at % 3 === 0 ? 'a castle in fog' : at % 5 === 0 ? 'a fox in snow' : `one-off ${at}` }));
  curateImages(on, { generations: [ids[2]!, ids[8]!, ids[9]!] }, { rejected: true }, 50);
  softDelete(on, [ids[5]!, ids[11]!, ids[20]!], 51);
  purgeBinnedBefore(on, 52);
  softDelete(on, [ids[30]!], 53);
  for (let at = 60; at < 64; at += 1) {
    const g = addGeneration(on, at, { prompt: 'a failed one' });
    markSubmitting(on, g.id, at);
    markFailed(on, g.id, 'api_busy', 'busy', at);
  }
}

/** The same count read from the rows, as obviously as SQL says it. */
function rowsCount(on: Library, search: LibrarySearchInput): { total: number; tiles?: number } {
  const statuses = search.statuses ?? null;
  const rows = on.prepare('SELECT status, all_rejected, stack_hidden FROM generations WHERE deleted_at IS NULL').all() as {
    status: GenerationStatus;
    all_rejected: number;
    stack_hidden: number;
  }[];
  const matching = rows.filter((r) => (statuses === null || statuses.includes(r.status)) && !(search.hideRejected === true && r.all_rejected === 1));
  const total = matching.length;
  return search.stacked === true ? { total, tiles: matching.filter((r) => r.stack_hidden === 0).length } : { total };
}

const mixes: LibrarySearchInput[] = [];
for (const statuses of [['done'], ['done', 'failed'], undefined] as (GenerationStatus[] | undefined)[])
  for (const hideRejected of [true, false]) for (const stacked of [true, false]) mixes.push({ text: '', statuses, hideRejected, stacked });

describe("the gallery's total with no search", () => {
  it('is the rows\' count for every mix of statuses, "Hide rejected" and stacking', () => {
    seed(db);
    expect(totalsCounted(db)).toBe(true);
    for (const search of mixes) expect(countMatches(db, search), JSON.stringify(search)).toEqual(rowsCount(db, search));
    // the mixes differ: stacks hide members, rejects and failures count or not
    const [stackedDone] = mixes;
    const counted = countMatches(db, stackedDone!);
    expect(counted.tiles).toBeLessThan(counted.total);
    expect(countMatches(db, { statuses: ['done'], hideRejected: false }).total).toBeGreaterThan(countMatches(db, { statuses: ['done'], hideRejected: true }).total);
  });

  it('is read from the running totals, and any other search from the rows', () => {
    seed(db);
    const plain = countMatches(db, mixes[0]!);
    const worded = countMatches(db, { ...mixes[0]!, text: 'castle' });
    const filtered = countMatches(db, { ...mixes[0]!, models: ['midjourney-v7'] });
    // one more counted where no row is: only a count that reads the totals sees it
    db.prepare("UPDATE library_totals SET n = n + 1 WHERE name = 'shown:done:0:0'").run();
    expect(countMatches(db, mixes[0]!)).toEqual({ total: plain.total + 1, tiles: plain.tiles! + 1 });
    expect(countMatches(db, { ...mixes[0]!, text: 'castle' })).toEqual(worded);
    expect(countMatches(db, { ...mixes[0]!, models: ['midjourney-v7'] })).toEqual(filtered);
  });

  it('after migration 21 on a library with rows: counted from the rows until the one background count, then from the totals', () => {
    const dir = tempDir('atelier-gallery-count-');
    try {
      const before = openLibrary(dir.path);
      seed(before);
      closeLibrary(before);
      // as a library made before migration 21: its triggers and rows gone (and what migrations 23 and 24 add), its version 20
      const raw = new Database(libraryPath(dir.path));
      raw.exec(`DROP TRIGGER library_totals_shown_insert; DROP TRIGGER library_totals_shown_update; DROP TRIGGER library_totals_shown_delete;
        DELETE FROM library_totals WHERE name LIKE 'shown:%';
        ALTER TABLE generations DROP COLUMN grid_thumbnail; ALTER TABLE generations DROP COLUMN grid_width; ALTER TABLE generations DROP COLUMN grid_height;
        DROP TABLE grid_backfill; PRAGMA user_version = 20;`);
      raw.close();
      const library = openLibrary(dir.path);
      expect(totalsCounted(library)).toBe(false);
      for (const search of mixes) expect(countMatches(library, search)).toEqual(rowsCount(library, search));
      const worker = new Database(libraryPath(dir.path));
      expect(completeTotals(worker, 99)).toBe(true);
      worker.close();
      expect(library.prepare("SELECT n FROM library_totals WHERE name = 'shown:done:0:0'").pluck().get()).toBeGreaterThan(0);
      for (const search of mixes) expect(countMatches(library, search)).toEqual(rowsCount(library, search));
      closeLibrary(library);
    } finally {
      dir.remove();
    }
  });

  it('an empty library needs no background count after migration 21', () => {
    const raw = new Database(':memory:');
    migrate(raw);
    expect(raw.prepare('SELECT count(*) FROM library_totals_counted').pluck().get()).toBe(1);
    raw.close();
  });
});
