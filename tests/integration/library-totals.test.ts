import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeLibrary, libraryPath, openLibrary, type Library } from '../../electron/core/library/database.ts';
import {
  markDone,
  markFailed,
  markSubmitted,
  markSubmitting,
  setCredits,
  softDelete,
} from '../../electron/core/library/generations.ts';
import { curateImages, undoCuration } from '../../electron/core/library/curation.ts';
import { createImages, markImageDownloaded, markImageFailed } from '../../electron/core/library/images.ts';
import { migrate, schemaVersion } from '../../electron/core/library/migrations.ts';
import { applyTotals, completeTotals, countTotals, readTotals, snapshotTotals, totalsCounted, type TotalsSnapshot } from '../../electron/core/library/totals.ts';
import { randomSource } from '../../scripts/lib/synthetic-library.ts';
import { addGeneration } from '../support/library.ts';
import { tempDir } from '../support/temp-dir.ts';
import { purgeBinnedBefore } from '../support/purge.ts';
import { restoreBinned } from '../support/restore.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});
function folder(): string {
  const dir = tempDir('atelier-totals-');
  dirs.push(dir);
  return dir.path;
}

/** A run from queued to done with `images` saved files of `bytes` each and `credits` charged. */
function finishedRun(db: Library, at: number, images: number, bytes: number, credits: number, prompt = `run ${at}`): number {
  const g = addGeneration(db, at, { prompt });
  markSubmitting(db, g.id, at);
  markSubmitted(db, g.id, `task-${g.id}`, at);
  setCredits(db, g.id, credits, at);
  createImages(db, g.id, Array.from({ length: 4 }, (_, i) => ({ remoteUrl: `https://cdn.example/${g.id}/${i}` })));
  for (let i = 0; i < images; i += 1) {
    markImageDownloaded(db, g.id, i, { file: `images/${g.id}-${i}.png`, thumbnail: null, bytes, sha256: 'x', fileSha256: 'x', width: 1, height: 1 });
  }
  markDone(db, g.id, at + 1);
  return g.id;
}

describe('running totals', () => {
  it('stay equal to a full count through every kind of write: runs, favourites, image deletes, bin, restore, purge, failures, deletes', () => {
    const dataDir = folder();
    const db = openLibrary(dataDir);
    expect(totalsCounted(db)).toBe(true);
    const random = randomSource(11);
    const ids: number[] = [];
    for (let step = 0; step < 400; step += 1) {
      const roll = random();
      const some = () => ids.filter(() => random() < 0.1);
      // some are reruns of one prompt: they stack, and the newest shown heads the stack
      const prompt = random() < 0.3 ? 'a lighthouse at dusk' : undefined;
      if (roll < 0.35 || ids.length === 0) ids.push(finishedRun(db, step, Math.floor(random() * 5), 100 + step, random() < 0.8 ? 12 : 0, prompt));
      else if (roll < 0.45) addGeneration(db, step, { prompt: 'waiting in the queue' });
      else if (roll < 0.47) curateImages(db, { generations: some() }, { favorite: random() < 0.6 }, step);
      // every image of a generation rejected (out of the grid with "Hide rejected"), or taken back
      else if (roll < 0.5) curateImages(db, { generations: some() }, { rejected: random() < 0.7 }, step);
      else if (roll < 0.55) {
        // single images deleted (a whole generation with its last one), and sometimes put back
        const images = some().map((generationId) => ({ generationId, index: Math.floor(random() * 4) }));
        const outcome = curateImages(db, { images }, random() < 0.5 ? { deleted: true } : { rejected: true }, step);
        if (random() < 0.4) undoCuration(db, outcome.undo, step);
      }
      else if (roll < 0.65) softDelete(db, some(), step);
      else if (roll < 0.72) restoreBinned(db, some(), step);
      else if (roll < 0.78) {
        const purged = new Set(purgeBinnedBefore(db, step).ids);
        ids.splice(0, ids.length, ...ids.filter((id) => !purged.has(id)));
      }
      else if (roll < 0.84) {
        const g = addGeneration(db, step, { prompt: 'fails' });
        markSubmitting(db, g.id, step);
        markFailed(db, g.id, 'api_busy', 'busy', step);
      } else if (roll < 0.9) {
        // a refund: the API charged nothing after all
        const id = ids[Math.floor(random() * ids.length)] ?? 0;
        setCredits(db, id, 0, step);
      } else if (roll < 0.95) {
        const g = addGeneration(db, step, { prompt: 'download trouble' });
        markSubmitting(db, g.id, step);
        markSubmitted(db, g.id, `task-x-${g.id}`, step);
        createImages(db, g.id, [{ remoteUrl: 'https://cdn.example/a' }, { remoteUrl: 'https://cdn.example/b' }]);
        markImageDownloaded(db, g.id, 0, { file: `images/${g.id}-0.png`, thumbnail: null, bytes: 7, sha256: 'y', fileSha256: 'y', width: 1, height: 1 });
        markImageFailed(db, g.id, 1, 'gone');
      } else {
        // a hard delete of a live generation (not an app path, but the totals must not drift)
        const id = ids.splice(Math.floor(random() * ids.length), 1)[0] ?? 0;
        db.prepare('DELETE FROM generations WHERE id = ?').run(id);
      }
      if (step % 50 === 0) expect(readTotals(db)).toEqual(countTotals(db));
    }
    const totals = readTotals(db);
    expect(totals).toEqual(countTotals(db));
    expect(totals.byStatus.done).toBeGreaterThan(0);
    expect(totals.images).toBeGreaterThan(0);
    expect(totals.credits).toBeGreaterThan(0);
    // the gallery's kinds were all met: stacked reruns, all-rejected generations
    expect(totals.shown['done:0:1']).toBeGreaterThan(0);
    expect(totals.shown['done:1:0']).toBeGreaterThan(0);
    closeLibrary(db);
  });
});

describe('migration 6 on a library that already holds rows', () => {
  /** A library at version 3 (before the totals) holding finished runs, a binned one and archived spend. */
  function versionThreeLibrary(dataDir: string): void {
    const raw = new Database(libraryPath(dataDir));
    migrate(raw, 3);
    raw.exec(`
      INSERT INTO generations (id, model, prompt, effective_model, effective_prompt, effective_aspect_ratio, effective_seed,
        request_body, status, credits, favorite, created_at, updated_at, deleted_at)
      VALUES (1, 'midjourney-v7', 'a', 'midjourney-v7', 'a', '1:1', 1, '{}', 'done', 12, 1, 1, 1, NULL),
             (2, 'midjourney-v7', 'b', 'midjourney-v7', 'b', '1:1', 2, '{}', 'done', 12, 1, 2, 2, 5),
             (3, 'midjourney-v7', 'c', 'midjourney-v7', 'c', '1:1', 3, '{}', 'failed', 0, 0, 3, 3, NULL);
      INSERT INTO images (generation_id, idx, state, bytes) VALUES (1, 0, 'done', 100), (1, 1, 'done', 50), (2, 0, 'done', 10), (3, 0, 'failed', NULL);
      INSERT INTO credits_spent_archive (spent_at, credits) VALUES (0, 6);
    `);
    raw.close();
  }

  it('keeps the rows, counts them once in the background, and writes made meanwhile stay counted', () => {
    const dataDir = folder();
    versionThreeLibrary(dataDir);
    const db = openLibrary(dataDir);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(6);
    expect(totalsCounted(db)).toBe(false);
    // the core keeps writing before the count runs: the triggers record it
    finishedRun(db, 10, 2, 1000, 12);

    // the count runs on a connection of its own, as the upkeep worker's
    const worker = new Database(libraryPath(dataDir));
    expect(completeTotals(worker, 99)).toBe(true);
    expect(completeTotals(worker, 100)).toBe(false);
    worker.close();

    expect(totalsCounted(db)).toBe(true);
    const totals = readTotals(db);
    expect(totals).toEqual(countTotals(db));
    expect(totals).toMatchObject({ favorites: 1, images: 4, bytes: 2160, credits: 42 });
    expect(totals.byStatus).toMatchObject({ done: 2, failed: 1 });
    closeLibrary(db);
  });

  it('counts rows written between the count\'s read and its write exactly once', () => {
    const dataDir = folder();
    versionThreeLibrary(dataDir);
    const db = openLibrary(dataDir);
    const worker = new Database(libraryPath(dataDir));
    const snapshot = snapshotTotals(worker);
    expect(snapshot).not.toBeNull();
    // the core finishes a run and bins another after the count read the rows, before it wrote the totals
    finishedRun(db, 20, 3, 10, 12);
    softDelete(db, [1], 21);
    expect(applyTotals(worker, snapshot as TotalsSnapshot)).toBe(true);
    worker.close();
    expect(readTotals(db)).toEqual(countTotals(db));
    expect(readTotals(db).byStatus.done).toBe(1);
    closeLibrary(db);
  });
});
