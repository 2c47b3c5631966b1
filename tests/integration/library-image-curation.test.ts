import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeLibrary, libraryPath, openLibrary, type Library } from '../../electron/core/library/database.ts';
import { curateImages, undoCuration } from '../../electron/core/library/curation.ts';
import { getGeneration } from '../../electron/core/library/generations.ts';
import { migrate, schemaVersion } from '../../electron/core/library/migrations.ts';
import { countSearch, explainSearch, searchGenerations } from '../../electron/core/library/search.ts';
import { countTotals, readTotals, type LibraryTotals } from '../../electron/core/library/totals.ts';
import type { ImageRef } from '../../shared/image-curation.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { addFinishedRun } from '../support/library.ts';
import { libraryPerTest } from '../support/library-per-test.ts';
import { tempDir } from '../support/temp-dir.ts';
import { purgeBinnedBefore } from '../support/purge.ts';

let db: Library;
libraryPerTest((library) => ({ db } = library));

/** A finished run with four saved images. */
const finishedRun = (at: number, prompt = `run ${at}`): number => addFinishedRun(db, at, { prompt });

const image = (generationId: number, index: number): ImageRef => ({ generationId, index });
const ids = (search: LibrarySearchInput) => searchGenerations(db, search).items.map((g) => g.id);
const rawImages = () => db.prepare('SELECT * FROM images ORDER BY generation_id, idx').all();
const rawSummaries = () => db.prepare('SELECT id, favorite, best_rating, culled_images, all_rejected, deleted_at FROM generations ORDER BY id').all();

describe('the generation summary follows its images on every write', () => {
  it('derives any favourite, the best rating, the kept count and "all rejected"', () => {
    const id = finishedRun(1);
    expect(getGeneration(db, id)).toMatchObject({ favorite: false, bestRating: null, culledImages: 0 });
    curateImages(db, { images: [image(id, 2)] }, { favorite: true });
    curateImages(db, { images: [image(id, 0)] }, { rating: 3 });
    curateImages(db, { images: [image(id, 1)] }, { rating: 5 });
    expect(getGeneration(db, id)).toMatchObject({ favorite: true, bestRating: 5, culledImages: 0 });
    expect(getGeneration(db, id).images.map((i) => [i.favorite, i.rating, i.rejected])).toEqual([
      [false, 3, false],
      [false, 5, false],
      [true, null, false],
      [false, null, false],
    ]);
    curateImages(db, { images: [image(id, 1), image(id, 3)] }, { rejected: true });
    expect(getGeneration(db, id)).toMatchObject({ culledImages: 2 });
    curateImages(db, { images: [image(id, 1)] }, { deleted: true });
    // the deleted image leaves the generation (and its best rating with it)
    expect(getGeneration(db, id)).toMatchObject({ bestRating: 3, culledImages: 2 });
    expect(getGeneration(db, id).images.map((i) => i.index)).toEqual([0, 2, 3]);
    curateImages(db, { images: [image(id, 2)] }, { favorite: false });
    expect(getGeneration(db, id).favorite).toBe(false);
    expect((db.prepare('SELECT all_rejected FROM generations WHERE id = ?').get(id) as { all_rejected: number }).all_rejected).toBe(0);
    curateImages(db, { generations: [id] }, { rejected: true });
    expect((db.prepare('SELECT all_rejected FROM generations WHERE id = ?').get(id) as { all_rejected: number }).all_rejected).toBe(1);
    expect(readTotals(db)).toEqual(countTotals(db));
  });

  it('a four-up target is every image the generation still shows', () => {
    const a = finishedRun(1);
    const b = finishedRun(2);
    curateImages(db, { images: [image(a, 0)] }, { deleted: true });
    const outcome = curateImages(db, { generations: [a, b, 999] }, { rating: 4 });
    expect(outcome.images).toBe(7);
    expect(outcome.changed.sort()).toEqual([a, b]);
    expect(getGeneration(db, a).images.map((i) => i.rating)).toEqual([4, 4, 4]);
  });
});

describe('undo', () => {
  it('puts back exactly the state before, step by step, for fifty steps and more', () => {
    const a = finishedRun(1);
    const b = finishedRun(2);
    const states = [JSON.stringify([rawImages(), rawSummaries()])];
    const undos = [];
    for (let step = 0; step < 60; step += 1) {
      const target = step % 3 === 0 ? { generations: [a, b] } : { images: [image(step % 2 ? a : b, step % 4)] };
      const change = [{ favorite: step % 2 === 0 }, { rating: ((step % 5) + 1) as 1 | 2 | 3 | 4 | 5 }, { rating: null }, { rejected: step % 3 === 1 }][step % 4]!;
      undos.push(curateImages(db, target, change, 1000 + step).undo);
      states.push(JSON.stringify([rawImages(), rawSummaries()]));
    }
    for (let step = undos.length - 1; step >= 0; step -= 1) {
      undoCuration(db, undos[step]!, 5000);
      expect(JSON.stringify([rawImages(), rawSummaries()])).toBe(states[step]);
    }
  });

  it('deleting all four images deletes the generation; the undo brings back both, with the trash dates as they were', () => {
    const id = finishedRun(1, 'paper lanterns');
    const other = finishedRun(2, 'paper boats');
    const first = curateImages(db, { images: [image(id, 0)] }, { deleted: true }, 100);
    expect(first.binned).toEqual([]);
    const before = JSON.stringify([rawImages(), rawSummaries()]);
    const rest = curateImages(db, { images: [image(id, 1), image(id, 2), image(id, 3)] }, { deleted: true }, 200);
    expect(rest.binned).toEqual([id]);
    expect(ids({ text: 'paper' })).toEqual([other]);
    expect(readTotals(db)).toEqual(countTotals(db));
    undoCuration(db, rest.undo, 300);
    expect(JSON.stringify([rawImages(), rawSummaries()])).toBe(before);
    expect(ids({ text: 'paper' })).toEqual([other, id]);
    expect(readTotals(db)).toEqual(countTotals(db));
  });

  it('removes a deleted image file only when the trash empties past its date', () => {
    const id = finishedRun(1);
    curateImages(db, { images: [image(id, 1)] }, { deleted: true }, 100);
    expect(purgeBinnedBefore(db, 100)).toEqual({ ids: [], files: [] });
    expect(purgeBinnedBefore(db, 101)).toEqual({ ids: [], files: [`images/${id}-1.png`, `thumbnails/${id}-1.webp`] });
    expect(getGeneration(db, id).images.map((i) => i.index)).toEqual([0, 2, 3]);
    expect(readTotals(db)).toEqual(countTotals(db));
  });
});

describe('image terms in the search', () => {
  it('hold for the same image, and the summary decides alone where it can', () => {
    const split = finishedRun(1, 'split'); // one image a favourite, another rated 5
    const same = finishedRun(2, 'same'); // one image both
    const low = finishedRun(3, 'low'); // rated 2 and 5
    const plain = finishedRun(4, 'plain');
    curateImages(db, { images: [image(split, 0)] }, { favorite: true });
    curateImages(db, { images: [image(split, 1)] }, { rating: 5 });
    curateImages(db, { images: [image(same, 3)] }, { favorite: true });
    curateImages(db, { images: [image(same, 3)] }, { rating: 5 });
    curateImages(db, { images: [image(low, 0)] }, { rating: 2 });
    curateImages(db, { images: [image(low, 1)] }, { rating: 5 });
    curateImages(db, { images: [image(plain, 2)] }, { rejected: true });

    expect(ids({ text: 'is:fav' })).toEqual([same, split]);
    expect(ids({ text: 'is:fav rating:5' })).toEqual([same]);
    expect(ids({ text: 'is:fav rating:5 OR split' })).toEqual([same, split]);
    expect(ids({ text: 'rating:>=4' })).toEqual([low, same, split]);
    expect(ids({ text: 'rating:>4' })).toEqual([low, same, split]);
    expect(ids({ text: 'rating:<3' })).toEqual([low]);
    expect(ids({ text: 'rating:2..3' })).toEqual([low]);
    expect(ids({ text: 'rating:=5 -is:fav' })).toEqual([low, split]);
    expect(ids({ text: 'is:rejected' })).toEqual([plain]);
    expect(countSearch(db, { text: 'is:fav rating:5' })).toBe(1);
    // the summary suffices: no look at the images for a plain favourite or a lower bound
    expect(explainSearch(db, { text: 'is:fav' }).join(' | ')).not.toMatch(/images/u);
    expect(explainSearch(db, { text: 'rating:>=4' }).join(' | ')).not.toMatch(/images/u);
    expect(explainSearch(db, { text: 'is:fav rating:5' }).join(' | ')).toMatch(/images/u);
  });

  it('"Hide rejected" hides generations whose images are all rejected, unless the query asks for is:rejected', () => {
    const culled = finishedRun(1, 'culled');
    const partly = finishedRun(2, 'partly');
    curateImages(db, { generations: [culled] }, { rejected: true });
    curateImages(db, { images: [image(partly, 0)] }, { rejected: true });
    expect(ids({ hideRejected: true })).toEqual([partly]);
    expect(ids({ hideRejected: false })).toEqual([partly, culled]);
    expect(ids({ hideRejected: true, text: 'is:rejected' })).toEqual([partly, culled]);
    expect(countSearch(db, { hideRejected: true })).toBe(1);
    // one kept image left (the others deleted) is not "all rejected"
    curateImages(db, { images: [image(culled, 0)] }, { rejected: false });
    curateImages(db, { images: [image(culled, 1), image(culled, 2), image(culled, 3)] }, { deleted: true });
    expect(ids({ hideRejected: true })).toEqual([partly, culled]);
  });
});

describe('migration 8 on a library made at version 6', () => {
  it('gives every image of a favourite generation the favourite, derives the summaries, and keeps the totals exact', () => {
    const dir = tempDir('atelier-curation-migration-');
    // the rows version 6 wrote: a favourite with four saved images, a favourite that failed (no images), a plain run, a binned favourite
    const raw = new Database(libraryPath(dir.path));
    migrate(raw, 6);
    raw.exec(`
      INSERT INTO generations (id, model, prompt, effective_model, effective_prompt, effective_aspect_ratio, effective_seed,
        request_body, status, credits, favorite, created_at, updated_at, deleted_at)
      VALUES (1, 'midjourney-v7', 'a', 'midjourney-v7', 'a', '1:1', 1, '{}', 'done', 12, 1, 1, 1, NULL),
             (2, 'midjourney-v7', 'b', 'midjourney-v7', 'b', '1:1', 2, '{}', 'failed', 0, 1, 2, 2, NULL),
             (3, 'midjourney-v7', 'c', 'midjourney-v7', 'c', '1:1', 3, '{}', 'done', 12, 0, 3, 3, NULL),
             (4, 'midjourney-v7', 'd', 'midjourney-v7', 'd', '1:1', 4, '{}', 'done', 12, 1, 4, 4, 9);
      INSERT INTO images (generation_id, idx, state, bytes) VALUES
        (1, 0, 'done', 10), (1, 1, 'done', 10), (1, 2, 'done', 10), (1, 3, 'done', 10),
        (3, 0, 'done', 10), (3, 1, 'done', 10), (4, 0, 'done', 10);
    `);
    // made empty at version 6: its totals were kept by the triggers from the first row on
    raw.close();

    const migrated = openLibrary(dir.path);
    try {
      expect(schemaVersion(migrated)).toBeGreaterThanOrEqual(8);
      expect(migrated.prepare('SELECT generation_id, idx, favorite, rating, rejected, deleted_at FROM images ORDER BY generation_id, idx').all()).toEqual([
        ...[0, 1, 2, 3].map((idx) => ({ generation_id: 1, idx, favorite: 1, rating: null, rejected: 0, deleted_at: null })),
        { generation_id: 3, idx: 0, favorite: 0, rating: null, rejected: 0, deleted_at: null },
        { generation_id: 3, idx: 1, favorite: 0, rating: null, rejected: 0, deleted_at: null },
        { generation_id: 4, idx: 0, favorite: 1, rating: null, rejected: 0, deleted_at: null },
      ]);
      expect(migrated.prepare('SELECT id, favorite, best_rating, culled_images, all_rejected FROM generations ORDER BY id').all()).toEqual([
        { id: 1, favorite: 1, best_rating: null, culled_images: 0, all_rejected: 0 },
        // a favourite without images cannot be derived from any: it is no longer one
        { id: 2, favorite: 0, best_rating: null, culled_images: 0, all_rejected: 0 },
        { id: 3, favorite: 0, best_rating: null, culled_images: 0, all_rejected: 0 },
        { id: 4, favorite: 1, best_rating: null, culled_images: 0, all_rejected: 0 },
      ]);
      // (the gallery's kinds come with migration 21, counted once in the background: gallery-count-totals.test.ts)
      const kept = (totals: LibraryTotals) => ({ ...totals, shown: null });
      expect(kept(readTotals(migrated))).toEqual(kept(countTotals(migrated)));
      expect(readTotals(migrated)).toMatchObject({ favorites: 1, images: 6 });
      // and the migrated library curates like a new one
      curateImages(migrated, { images: [{ generationId: 1, index: 0 }, { generationId: 1, index: 1 }] }, { favorite: false });
      expect(getGeneration(migrated, 1).favorite).toBe(true);
      curateImages(migrated, { generations: [1] }, { favorite: false });
      expect(getGeneration(migrated, 1).favorite).toBe(false);
      expect(kept(readTotals(migrated))).toEqual(kept(countTotals(migrated)));
    } finally {
      closeLibrary(migrated);
      dir.remove();
    }
  });
});
