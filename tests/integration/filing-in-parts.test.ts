import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Collection, ImageRef } from '../../shared/curation.ts';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { addGeneration } from '../support/library.ts';
import { turnsDuring } from '../support/event-loop.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, startTestCore } from '../support/test-core.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

const RUNS = 2_500;

/** A core over a library of 2,500 generations, and a reader of its file to see exactly what is stored. */
async function bigLibrary() {
  const dir = tempDir('atelier-filing-');
  cleanups.push(dir.remove);
  const seeded = openLibrary(dir.path);
  const ids = seeded.transaction(() => Array.from({ length: RUNS }, (_, n) => addGeneration(seeded, 1000 + n, { prompt: `harbour study ${n}` }).id))();
  closeLibrary(seeded);
  const core = await startTestCore(dir.path);
  cleanups.push(() => core.close());
  const reader = new Database(libraryPath(dir.path), { readonly: true });
  cleanups.push(() => void reader.close());
  const members = (collectionId: number) =>
    reader.prepare('SELECT generation_id AS id, images FROM collection_members WHERE collection_id = ? ORDER BY generation_id').all(collectionId);
  const carriers = (tag: string) =>
    (reader.prepare('SELECT gt.generation_id AS id FROM generation_tags gt JOIN tags t ON t.id = gt.tag_id WHERE t.name = ? ORDER BY 1').all(tag) as { id: number }[]).map((r) => r.id);
  return { core, ids, members, carriers };
}

describe('filing thousands of generations at once', () => {
  it('adds to a collection in parts the core answers between, and the undo restores exactly', async () => {
    const { core, ids, members } = await bigLibrary();
    const board = await call<Collection>(core, 'collections:create', { name: 'Harbour' });
    await call(core, 'collections:add', { id: board.id, images: [{ generationId: ids[0], index: 1 }], generationIds: [ids[1]] });
    const before = members(board.id);

    let answered = false;
    const adding = call<{ images: ImageRef[] }>(core, 'collections:add', { id: board.id, generationIds: ids }).finally(() => (answered = true));
    // a request sent after the add answers while the add is still being written
    const during = await call<Collection[]>(core, 'collections:list');
    expect(answered).toBe(false);
    expect(during[0]!.images).toBeGreaterThan(5);
    expect(during[0]!.images).toBeLessThan(RUNS * 4);

    const added = await adding;
    // the answer covers the whole change: every image but the five already in
    expect(added.images).toHaveLength(RUNS * 4 - 5);
    expect(added.images).not.toContainEqual({ generationId: ids[0], index: 1 });
    expect((await call<Collection[]>(core, 'collections:list'))[0]!.images).toBe(RUNS * 4);

    const undo = await turnsDuring(() => call<{ images: ImageRef[] }>(core, 'collections:remove', { id: board.id, images: added.images }));
    expect(undo.turns).toBeGreaterThanOrEqual(1);
    expect(undo.value.images).toHaveLength(RUNS * 4 - 5);
    expect(members(board.id)).toEqual(before);
    expect((await call<Collection[]>(core, 'collections:list'))[0]!.images).toBe(5);
  });

  it('puts back the parts already written when a later part fails, so nothing of the add stays', async () => {
    const { core, ids, members } = await bigLibrary();
    const board = await call<Collection>(core, 'collections:create', { name: 'Harbour' });
    await call(core, 'collections:add', { id: board.id, generationIds: ids.slice(0, 3) });
    const before = members(board.id);

    const adding = core.dispatch('collections:add', { id: board.id, generationIds: ids });
    // the collection is deleted between two parts of the add: the next part finds it gone
    const deleted = await call<{ undoId: number }>(core, 'collections:delete', { id: board.id });
    expect(await adding).toMatchObject({ ok: false, error: { code: 'not_found', message: 'This collection is no longer in the library.' } });

    // the delete's undo brings the collection back as it was before the add, not with part of it
    await call(core, 'undo:run', { undoId: deleted.undoId });
    expect(members(board.id)).toEqual(before);
    expect((await call<Collection[]>(core, 'collections:list'))[0]!.images).toBe(12);
  });

  it('tags and untags in parts the core answers between, and the undo restores exactly', async () => {
    const { core, ids, carriers } = await bigLibrary();
    await call(core, 'tags:add', { ids: [ids[7]], name: 'harbour' });

    const tagged = await turnsDuring(() => call<{ ids: number[] }>(core, 'tags:add', { ids, name: 'harbour' }));
    expect(tagged.turns).toBeGreaterThanOrEqual(1);
    expect(tagged.value.ids).toEqual(ids.filter((id) => id !== ids[7]));
    expect(carriers('harbour')).toHaveLength(RUNS);

    const undo = await turnsDuring(() => call<{ ids: number[] }>(core, 'tags:remove', { ids: tagged.value.ids, name: 'harbour' }));
    expect(undo.turns).toBeGreaterThanOrEqual(1);
    expect(undo.value.ids).toEqual(tagged.value.ids);
    expect(carriers('harbour')).toEqual([ids[7]]);
  });
});
