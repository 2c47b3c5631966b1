/**
 * The undo history kept in the library: Ctrl/Cmd+Z works after a restart (close and reopen the core
 * on the same file), and trash lives exactly as long as the step that can bring it back.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import { createCuration } from '../../electron/core/curate.ts';
import { EventHub } from '../../electron/core/events.ts';
import { closeLibrary, openLibrary } from '../../electron/core/library/database.ts';
import { softDelete } from '../../electron/core/library/generations.ts';
import { createUndo } from '../../electron/core/undo.ts';
import { createUndoLog } from '../../electron/core/undo-log.ts';
import type { Collection } from '../../shared/curation.ts';
import type { Generation } from '../../shared/generation.ts';
import type { CurationResult, UndoOutcome } from '../../shared/image-curation.ts';
import { UNDO_STEPS } from '../../shared/input-limits.ts';
import { addFinishedRun } from '../support/library.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const DAY = 86_400_000;

/** A library folder with one finished Sandbox run, and a way to restart its core. */
async function libraryWithRun(prompt: string) {
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  let core: Core = await startTestCore(dir.path);
  const events = recordEvents(core);
  const made = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v8', prompt } });
  const run = await events.reach(made.id, 'done');
  cleanups.push(() => core.close());
  const filesOf = (index: number) => [run.images[index]?.file, run.images[index]?.thumbnail].map((file) => path.join(dir.path, file ?? 'missing'));
  return {
    run,
    filesOf,
    get core() {
      return core;
    },
    async restart() {
      await core.close();
      core = await startTestCore(dir.path);
    },
  };
}

const imagesOf = async (core: Core, id: number) =>
  (await call<Generation>(core, 'generation:get', { id })).images.map((image) => ({ index: image.index, favorite: image.favorite, rating: image.rating }));

describe('Ctrl/Cmd+Z after a restart', () => {
  it('takes back every kind of change made before it, newest first, each once', async () => {
    const library = await libraryWithRun('harbour at dawn');
    const { run } = library;
    const one = (index: number) => ({ images: [{ generationId: run.id, index }] });
    const rated = await call<CurationResult>(library.core, 'image:rate', { target: one(0), rating: 4 });
    const favourite = await call<CurationResult>(library.core, 'image:favorite', { target: { generations: [run.id] }, favorite: true });
    const tagged = await call<{ undoId: number }>(library.core, 'tags:add', { ids: [run.id], name: 'harbour' });
    const keepers = await call<Collection>(library.core, 'collections:create', { name: 'Keepers' });
    const filed = await call<{ undoId: number }>(library.core, 'collections:add', { id: keepers.id, images: one(0).images });
    const deleted = await call<CurationResult>(library.core, 'image:delete', { target: one(3) });
    const steps = [rated.undoId, favourite.undoId, tagged.undoId, filed.undoId, deleted.undoId];

    await library.restart();
    const { core } = library;
    expect(await call(core, 'undo:list')).toEqual({ undoIds: steps });
    // the deleted image's files wait for its undo
    expect(library.filesOf(3).every((file) => existsSync(file))).toBe(true);

    const back = await call<UndoOutcome>(core, 'undo:run', { undoId: deleted.undoId });
    expect(back.reload).toBe(false);
    expect(back.generations[0]?.images.map((image) => image.index)).toEqual([0, 1, 2, 3]);
    await call(core, 'undo:run', { undoId: filed.undoId });
    expect((await call<Collection[]>(core, 'collections:list')).find((c) => c.id === keepers.id)?.images).toBe(0);
    await call(core, 'undo:run', { undoId: tagged.undoId });
    expect(await call(core, 'tags:of', { id: run.id })).toEqual([]);
    await call(core, 'image:undo', { undoId: favourite.undoId });
    expect((await imagesOf(core, run.id)).map((image) => image.favorite)).toEqual([false, false, false, false]);
    await call(core, 'undo:run', { undoId: rated.undoId });
    expect((await imagesOf(core, run.id)).map((image) => image.rating)).toEqual([null, null, null, null]);

    expect(await call(core, 'undo:list')).toEqual({ undoIds: [] });
    const again = await core.dispatch('undo:run', { undoId: rated.undoId });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/can no longer be undone/) } });
  });

  it("removes a deleted image's files exactly when its undo leaves the window, also when that comes after a restart", async () => {
    const library = await libraryWithRun('salt marsh');
    const { run } = library;
    const deleted = await call<CurationResult>(library.core, 'image:delete', { target: { images: [{ generationId: run.id, index: 1 }] } });
    const rate = (n: number) => call(library.core, 'image:rate', { target: { images: [{ generationId: run.id, index: 0 }] }, rating: (n % 5) + 1 });
    for (let n = 0; n < UNDO_STEPS / 2; n += 1) await rate(n);
    await library.restart();
    expect(library.filesOf(1).every((file) => existsSync(file))).toBe(true);
    expect((await call<{ undoIds: number[] }>(library.core, 'undo:list')).undoIds[0]).toBe(deleted.undoId);
    // one change short of pushing it out: still there
    for (let n = 1; n < UNDO_STEPS / 2; n += 1) await rate(n);
    expect(library.filesOf(1).every((file) => existsSync(file))).toBe(true);
    await rate(0);
    await expect.poll(() => library.filesOf(1).filter((file) => existsSync(file))).toEqual([]);
    expect((await call<{ undoIds: number[] }>(library.core, 'undo:list')).undoIds).not.toContain(deleted.undoId);
    expect((await library.core.dispatch('undo:run', { undoId: deleted.undoId })).ok).toBe(false);
    // the other images and their files stay
    expect((await imagesOf(library.core, run.id)).map((image) => image.index)).toEqual([0, 2, 3]);
    expect([0, 2, 3].flatMap((i) => library.filesOf(i)).every((file) => existsSync(file))).toBe(true);
  });
});

describe('the undo log on a library file', () => {
  /** A library of finished runs whose image files exist, and an undo log over it with a clock the test holds. */
  function library(runs: number) {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const db = openLibrary(dir.path);
    cleanups.push(() => closeLibrary(db));
    const ids = Array.from({ length: runs }, (_, n) => addFinishedRun(db, 1_000 + n, { prompt: `study ${n}` }));
    for (const folder of ['images', 'thumbnails']) mkdirSync(path.join(dir.path, folder), { recursive: true });
    const filesOf = (id: number) => [0, 1, 2, 3].flatMap((i) => [path.join(dir.path, `images/${id}-${i}.png`), path.join(dir.path, `thumbnails/${id}-${i}.webp`)]);
    for (const id of ids) for (const file of filesOf(id)) writeFileSync(file, 'x');
    const clock = { now: Date.UTC(2026, 10, 1) };
    const hub = new EventHub();
    const open = () => {
      const log = createUndoLog({ db, dataDir: dir.path, hub, now: () => clock.now });
      const curation = createCuration(db, hub, log);
      return { log, curation, undo: createUndo({ db, hub, log, curation }) };
    };
    const left = () => (db.prepare('SELECT id FROM generations ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    return { db, ids, filesOf, clock, open, left, hub };
  }

  it('lets trash go with steps older than 30 days, and keeps what a younger step can bring back', async () => {
    const { db, ids, filesOf, clock, open, left } = library(3);
    const [a = 0, b = 0, c = 0] = ids;
    let { log, undo } = open();
    const old = log.stamp();
    undo.keepTrash(softDelete(db, [a], old), old);
    clock.now += 20 * DAY;
    const young = log.stamp();
    const youngId = undo.keepTrash(softDelete(db, [b], young), young);
    await log.close();

    clock.now += 11 * DAY;
    ({ log, undo } = open());
    await log.start();
    expect(left()).toEqual([b, c]);
    expect(filesOf(a).some((file) => existsSync(file))).toBe(false);
    expect(filesOf(b).every((file) => existsSync(file))).toBe(true);
    expect(log.list()).toEqual([youngId]);
    await undo.run(youngId ?? -1);
    expect((db.prepare('SELECT count(*) AS n FROM generations WHERE deleted_at IS NULL').get() as { n: number }).n).toBe(2);
    await log.close();
  });

  it('finishes at the next start a removal that a close cut short', async () => {
    const { db, ids, filesOf, open, left, hub } = library(250);
    const first = open();
    const { undo } = first;
    let { log } = first;
    const at = log.stamp();
    undo.keepTrash(softDelete(db, ids, at), at);
    // what leaving the window does, cut short by a close as soon as its first part is gone
    db.prepare('UPDATE undo_steps SET expired = 1').run();
    let closing: Promise<void> | undefined;
    const stop = hub.subscribe((event) => {
      if (event === 'library:changed') closing ??= log.close();
    });
    await log.start();
    await closing;
    stop();
    expect(left().length).toBeGreaterThan(0);
    expect(left().length).toBeLessThan(250);

    log = open().log;
    await log.start();
    expect(left()).toEqual([]);
    expect(ids.flatMap(filesOf).some((file) => existsSync(file))).toBe(false);
    expect(db.prepare('SELECT count(*) AS n FROM undo_steps').get()).toEqual({ n: 0 });
    await log.close();
  });

  it('keeps a change over many generations as one compact record: five bytes an image', async () => {
    const { db, ids, open } = library(300);
    const { log, curation, undo } = open();
    const rated = await curation.apply({ generations: ids }, { rating: 3 }, { quiet: true });
    const row = db.prepare('SELECT size, length(data) AS bytes FROM undo_steps WHERE id = ?').get(rated.undoId) as { size: number; bytes: number };
    expect(row.size).toBe(1_200);
    expect(row.bytes).toBeLessThanOrEqual(16 + 1_200 * 5);
    expect(await undo.run(rated.undoId)).toEqual({ generations: [], reload: true });
    expect(db.prepare('SELECT count(*) AS n FROM images WHERE rating IS NOT NULL').get()).toEqual({ n: 0 });
    await log.close();
  });
});
