/**
 * Duplicates and near-duplicates (issue 13 §3) with real pictures: the Sandbox's PNGs, copies made
 * by sharp, a real library file, imports through the core's channel, and the backfill of a library
 * made before migration 14, stopped and resumed.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { backupsDir } from '../../electron/core/library/files.ts';
import { insertGenerationRow } from '../../electron/core/library/generations.ts';
import { fillImageHashes, hashingProgress } from '../../electron/core/library/hash-backfill.ts';
import { createImages, markImageDownloaded } from '../../electron/core/library/images.ts';
import { migrate } from '../../electron/core/library/migrations.ts';
import { findSimilarImages, hashDistance, SIMILAR_DISTANCE } from '../../electron/core/library/similar.ts';
import { fingerprintImage } from '../../electron/core/media/fingerprint.ts';
import { imagePath, toAbsolutePath } from '../../electron/core/media/layout.ts';
import { writePngText } from '../../electron/core/media/png-metadata.ts';
import { renderImage } from '../../electron/core/sandbox/render.ts';
import type { ImportReport, RestoreResult } from '../../shared/contract.ts';
import type { DuplicatesView, SimilarImage } from '../../shared/duplicates.ts';
import type { EffectiveParams, Generation } from '../../shared/generation.ts';
import { newGeneration } from '../support/library.ts';
import { cleanupsPerTest } from '../support/cleanups.ts';
import { call, closableCore } from '../support/test-core.ts';

const { cleanups, folder } = cleanupsPerTest('atelier-dupes-');

const run = (prompt: string, aspectRatio: EffectiveParams['aspectRatio'], seed: number): EffectiveParams => ({
  model: 'midjourney-v7', prompt, aspectRatio, stylize: 250, chaos: 20, weird: null, quality: null, raw: false, negativePrompt: null, seed, referenceImageUrl: null,
});
/** Decoding dozens of full-size pictures (and the backfill resting as long as it works) on a shared 2-core machine. */
const PICTURE_WORK_MS = 90_000;
const half = async (png: Buffer) => sharp(png).resize({ width: Math.round(((await sharp(png).metadata()).width) / 2) }).png().toBuffer();
const jpeg75 = (png: Buffer) => sharp(png).jpeg({ quality: 75 }).toBuffer();

describe('the "similar" threshold on real pictures', () => {
  it('finds a 50 % resize and a JPEG quality-75 copy of each image, and none of the other images of its run', async () => {
    for (const effective of [run('a lighthouse at dusk, volumetric fog', '1:1', 7), run('red fox in snow, telephoto', '16:9', 31)]) {
      const pictures = await Promise.all([0, 1, 2, 3].map((i) => renderImage(effective, i)));
      const hashes = await Promise.all(pictures.map(async (png) => (await fingerprintImage(png)).perceptual));
      for (const [i, png] of pictures.entries()) {
        for (const copy of [await half(png), await jpeg75(png)]) {
          const copied = await fingerprintImage(copy);
          expect(hashDistance(copied.perceptual, hashes[i] as string)).toBeLessThanOrEqual(SIMILAR_DISTANCE);
          // a copy that changed pixels is near, never exact
          expect(copied.pixelSha256).not.toBe((await fingerprintImage(png)).pixelSha256);
        }
        for (const [j, other] of hashes.entries()) if (j !== i) expect(hashDistance(other, hashes[i] as string)).toBeGreaterThan(SIMILAR_DISTANCE);
      }
    }
  }, PICTURE_WORK_MS);

  it('gives the same pixels the same pixel hash whatever the file says about them', async () => {
    const png = await renderImage(run('a quiet harbour', '1:1', 3), 0);
    const tagged = writePngText(await sharp(png).png({ compressionLevel: 9 }).toBuffer(), [{ keyword: 'Description', text: 'another tool wrote this' }]);
    expect(Buffer.compare(png, tagged)).not.toBe(0);
    expect((await fingerprintImage(tagged)).pixelSha256).toBe((await fingerprintImage(png)).pixelSha256);
  });
});

describe('duplicates in the library', () => {
  it('hashes a run as it is saved; an import of a resized copy is found by "Find similar" and grouped; the same pixels with other metadata are skipped as a duplicate', async () => {
    const { core, events } = await closableCore(folder(), cleanups);
    const made = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'a paper boat on a puddle', seed: 5 } });
    await events.reach(made.id, 'done');
    const saved = (await call<Generation>(core, 'generation:get', { id: made.id })).images;
    expect(saved.every((image) => image.file !== null)).toBe(true);
    // each image was hashed as it was saved (a new library has nothing to backfill)
    const reader = new Database(libraryPath(core.dataDir), { readonly: true });
    expect(reader.prepare('SELECT count(*) FROM image_hashes').pluck().get()).toBe(4);
    expect(reader.prepare('SELECT count(*) FROM hash_backfill').pluck().get()).toBe(0);
    reader.close();
    // the other three images of the run are not similar
    expect(await call<SimilarImage[]>(core, 'image:similar', { generationId: made.id, index: 0 })).toEqual([]);

    const incoming = folder('atelier-dupes-in-');
    const original = path.join(core.dataDir, saved[0]?.file as string);
    writeFileSync(path.join(incoming, 'smaller.png'), await half(await sharp(original).toBuffer()));
    const second = await sharp(path.join(core.dataDir, saved[1]?.file as string)).png({ compressionLevel: 9 }).toBuffer();
    writeFileSync(path.join(incoming, 'retagged.png'), writePngText(second, [{ keyword: 'Description', text: 'same pixels, other words' }]));
    const report = await call<ImportReport>(core, 'import:start', { folder: incoming });
    expect(report).toMatchObject({ imported: 1, duplicates: 1, unreadable: [] });

    const similar = await call<SimilarImage[]>(core, 'image:similar', { generationId: made.id, index: 0 });
    expect(similar).toHaveLength(1);
    expect(similar[0]).toMatchObject({ exact: false, width: Math.round((saved[0]?.width as number) / 2) });
    expect(similar[0]?.distance).toBeLessThanOrEqual(SIMILAR_DISTANCE);

    const view = await call<DuplicatesView>(core, 'library:duplicates');
    expect(view.hashing).toBeNull();
    expect(view.groups).toHaveLength(1);
    expect(view.groups[0]).toMatchObject({ exact: false });
    expect(view.groups[0]?.images.map((image) => image.generationId)).toEqual([made.id, similar[0]?.generationId]);
  }, PICTURE_WORK_MS);
});

describe('migration 14 on a library made before it', () => {
  /** A library at the schema before image hashes, holding `runs` saved Sandbox runs and a half-size copy of the first image. */
  async function olderLibrary(dataDir: string, runs: number): Promise<{ firstId: number; copyId: number }> {
    const raw = new Database(libraryPath(dataDir));
    migrate(raw, 13);
    expect(raw.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'image_hashes'").get()).toBeUndefined();
    const ids: number[] = [];
    for (let r = 0; r <= runs; r++) {
      const copy = r === runs;
      const g = { id: insertGenerationRow(raw, newGeneration({ prompt: copy ? 'copy' : `an orchard in bloom ${r}`, seed: r + 1 }), 1_000 + r), createdAt: 1_000 + r };
      const pictures = copy ? [await half(await renderImage(run('an orchard in bloom 0', '3:2', 1), 0))] : await Promise.all([0, 1, 2, 3].map((i) => renderImage(run(`an orchard in bloom ${r}`, '3:2', r + 1), i)));
      createImages(raw, g.id, pictures.map((_, i) => ({ remoteUrl: `https://cdn.example/${r}-${i}.png` })));
      for (const [i, png] of pictures.entries()) {
        const file = imagePath({ generationId: g.id, index: i, createdAt: g.createdAt });
        mkdirSync(path.dirname(toAbsolutePath(dataDir, file)), { recursive: true });
        writeFileSync(toAbsolutePath(dataDir, file), png);
        markImageDownloaded(raw, g.id, i, { file, thumbnail: null, bytes: png.length, sha256: 'a'.repeat(64), fileSha256: 'b'.repeat(64), width: null, height: null });
        ids.push(raw.prepare('SELECT id FROM images WHERE generation_id = ? AND idx = ?').pluck().get(g.id, i) as number);
      }
      raw.prepare("UPDATE generations SET status = 'done', completed_at = ? WHERE id = ?").run(2_000 + r, g.id);
    }
    raw.close();
    return { firstId: ids[0] as number, copyId: ids.at(-1) as number };
  }

  it('hashes the older images in parts, resumes after a stop, and then finds their duplicates', async () => {
    const dataDir = folder();
    await olderLibrary(dataDir, 3);
    const db = openLibrary(dataDir);
    expect(hashingProgress(db)).toEqual({ done: 0, total: null });
    const first = await fillImageHashes(db, { dataDir, batch: 5, sliceMs: 0 });
    expect(first.progress).toEqual({ done: 5, total: 13 });
    // one batch of five in one transaction (its length is measured, not asserted: this machine is shared)
    expect(first.hashed).toBe(5);
    expect(first.longestStepMs).toBeGreaterThan(0);
    // a stop here (the connection closed, as at a quit) loses nothing: the mark is in the file
    closeLibrary(db);

    const again = openLibrary(dataDir);
    expect(hashingProgress(again)).toEqual({ done: 5, total: 13 });
    const rest = await fillImageHashes(again, { dataDir, batch: 5, sliceMs: 60_000 });
    expect(rest.progress).toBeNull();
    expect(rest.hashed).toBe(8);
    expect(again.prepare('SELECT count(*) FROM image_hashes').pluck().get()).toBe(13);
    const found = findSimilarImages(again, 1, 0);
    expect(found.map((image) => image.prompt)).toEqual(['copy']);
    closeLibrary(again);
  }, PICTURE_WORK_MS);

  it('is carried on by the upkeep thread at start-up, telling its progress until it is done', async () => {
    const dataDir = folder();
    await olderLibrary(dataDir, 2);
    const { core, events } = await closableCore(dataDir, cleanups);
    // events are recorded from the start; read after the backfill's last commit, the view already says done
    if ((await call<DuplicatesView>(core, 'library:duplicates')).hashing !== null) {
      await events.until('library:hashing', (progress) => progress === null);
      expect(events.seen.filter((e) => e.event === 'library:hashing').length).toBeGreaterThan(0);
    }
    const view = await call<DuplicatesView>(core, 'library:duplicates');
    expect(view.hashing).toBeNull();
    expect(view.groups.map((group) => group.images.map((image) => image.prompt))).toEqual([['an orchard in bloom 0', 'copy']]);
  }, PICTURE_WORK_MS);

  it('hashes the images of a restored backup from before migration 14 right after the restore, not at the next start', async () => {
    const dataDir = folder();
    await olderLibrary(dataDir, 2);
    // that library, kept as a backup; the studio then starts on a new, empty library beside the same image files
    mkdirSync(backupsDir(dataDir), { recursive: true });
    copyFileSync(libraryPath(dataDir), path.join(backupsDir(dataDir), 'library-2026-01-01.sqlite'));
    rmSync(libraryPath(dataDir));
    const { core, events } = await closableCore(dataDir, cleanups);
    expect((await call<DuplicatesView>(core, 'library:duplicates')).hashing).toBeNull();

    const restored = await call<RestoreResult>(core, 'backup:restore', { name: 'library-2026-01-01.sqlite' });
    expect(restored.missing.images).toBe(0);
    // the restore's migration 14 leaves nine images to hash: the upkeep thread does them now and says when
    // it is done (a new library had nothing to hash, so this is the restored one's)
    await events.until('library:hashing', (progress) => progress === null);
    const view = await call<DuplicatesView>(core, 'library:duplicates');
    expect(view.hashing).toBeNull();
    expect(view.groups.map((group) => group.images.map((image) => image.prompt))).toEqual([['an orchard in bloom 0', 'copy']]);
  }, PICTURE_WORK_MS);
});
