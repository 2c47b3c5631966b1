/**
 * Renames and deletes of collections, tags and saved searches are steps of the core's undo log like
 * every other change: kept in the library (so Ctrl/Cmd+Z reaches them after a restart), in the one
 * order, and an undo whose old name was taken since refuses in words and changes nothing.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import type { Collection, SavedSearch, Tag } from '../../shared/curation.ts';
import type { UndoOutcome } from '../../shared/image-curation.ts';
import { UNDO_STEPS } from '../../shared/input-limits.ts';
import type { SearchPage } from '../../shared/search.ts';
import { addFinishedRun } from '../support/library.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, startTestCore } from '../support/test-core.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** A library of two finished runs on disk, a core over it, and a way to close and reopen that core. */
async function studio() {
  const dir = tempDir('atelier-undo-names-');
  cleanups.push(dir.remove);
  const seeded = openLibrary(dir.path);
  const ids = [addFinishedRun(seeded, 1_000, { prompt: 'lighthouse at dusk' }), addFinishedRun(seeded, 2_000, { prompt: 'harbour fog' })];
  closeLibrary(seeded);
  let core: Core = await startTestCore(dir.path);
  cleanups.push(() => core.close());
  const stored = (sql: string) => {
    const reader = new Database(libraryPath(dir.path), { readonly: true });
    try {
      return reader.prepare(sql).all();
    } finally {
      reader.close();
    }
  };
  return {
    ids,
    stored,
    get core() {
      return core;
    },
    async restart() {
      await core.close();
      core = await startTestCore(dir.path);
    },
  };
}

const collections = async (core: Core) => (await call<Collection[]>(core, 'collections:list')).map((c) => [c.name, c.images]);
const searches = async (core: Core) => (await call<SavedSearch[]>(core, 'searches:list')).map((s) => s.name);
const found = async (core: Core, text: string) => (await call<SearchPage>(core, 'library:search', { text })).items.map((g) => g.id);
const undoIds = async (core: Core) => (await call<{ undoIds: number[] }>(core, 'undo:list')).undoIds;

describe('renames and deletes of names, undone after a restart', () => {
  it('a collection renamed: the old name is back, with its members', async () => {
    const library = await studio();
    const board = await call<Collection>(library.core, 'collections:create', { name: 'Lighthouses' });
    await call(library.core, 'collections:add', { id: board.id, generationIds: [library.ids[0]] });
    const renamed = await call<{ undoId: number }>(library.core, 'collections:rename', { id: board.id, name: 'Beacons' });

    await library.restart();
    const { core } = library;
    expect(await undoIds(core)).toContain(renamed.undoId);
    const back = await call<UndoOutcome>(core, 'undo:run', { undoId: renamed.undoId });
    expect(back.named).toEqual({ what: 'collection', was: 'Beacons', now: 'Lighthouses' });
    expect(await collections(core)).toEqual([['Lighthouses', 4]]);
    expect(await found(core, 'in:lighthouses')).toEqual([library.ids[0]]);
    expect(await undoIds(core)).not.toContain(renamed.undoId);
  });

  it('a collection deleted: it comes back with its members, and its bin lives as long as its step', async () => {
    const library = await studio();
    const board = await call<Collection>(library.core, 'collections:create', { name: 'Fog' });
    await call(library.core, 'collections:add', { id: board.id, generationIds: library.ids });
    const deleted = await call<{ collection: Collection; undoId: number }>(library.core, 'collections:delete', { id: board.id });
    expect(deleted.collection.name).toBe('Fog');
    expect(await collections(library.core)).toEqual([]);

    await library.restart();
    const { core } = library;
    const back = await call<UndoOutcome>(core, 'undo:run', { undoId: deleted.undoId });
    expect(back).toMatchObject({ reload: true, named: { what: 'collection', was: null, now: 'Fog' } });
    expect(await collections(core)).toEqual([['Fog', 8]]);
    expect(await found(core, 'in:fog')).toEqual([...library.ids].reverse());

    // deleted again, then pushed out of the undo window by other changes: the bin goes for good
    const again = await call<{ undoId: number }>(core, 'collections:delete', { id: board.id });
    for (let n = 0; n < UNDO_STEPS; n += 1) await call(core, n % 2 === 0 ? 'tags:add' : 'tags:remove', { ids: [library.ids[1]], name: 'tide' });
    await expect.poll(() => library.stored(`SELECT id FROM collections WHERE id = ${board.id}`)).toEqual([]);
    expect(library.stored('SELECT count(*) AS n FROM collection_members')).toEqual([{ n: 0 }]);
    expect((await core.dispatch('undo:run', { undoId: again.undoId })).ok).toBe(false);
  });

  it('a tag renamed everywhere: the old name is back on every generation', async () => {
    const library = await studio();
    await call(library.core, 'tags:add', { ids: library.ids, name: 'portait' });
    const renamed = await call<{ previousName: string; undoId: number }>(library.core, 'tags:rename', { from: 'portait', to: 'portrait' });
    expect(renamed.previousName).toBe('portait');

    await library.restart();
    const { core } = library;
    const back = await call<UndoOutcome>(core, 'undo:run', { undoId: renamed.undoId });
    expect(back.named).toEqual({ what: 'tag', was: 'portrait', now: 'portait' });
    expect(await call<Tag[]>(core, 'tags:list', { prefix: 'port' })).toEqual([{ name: 'portait', generations: 2 }]);
    expect((await found(core, 'tag:portait')).sort()).toEqual([...library.ids].sort());
  });

  it('a saved search renamed, and one deleted: each comes back as it was', async () => {
    const library = await studio();
    const fog = await call<SavedSearch>(library.core, 'searches:save', { name: 'Fog', query: 'fog', filters: { layout: 'images' } });
    const wide = await call<SavedSearch>(library.core, 'searches:save', { name: 'Wide', query: 'ar:16:9' });
    const renamed = await call<{ undoId: number }>(library.core, 'searches:rename', { id: fog.id, name: 'Harbour fog' });
    const deleted = await call<{ search: SavedSearch; undoId: number }>(library.core, 'searches:delete', { id: wide.id });
    expect(deleted.search).toEqual(wide);

    await library.restart();
    const { core } = library;
    expect(await searches(core)).toEqual(['Harbour fog']);
    await call(core, 'undo:run', { undoId: deleted.undoId });
    await call(core, 'undo:run', { undoId: renamed.undoId });
    const list = await call<SavedSearch[]>(core, 'searches:list');
    expect(list).toMatchObject([
      { name: 'Fog', query: 'fog', filters: { layout: 'images' }, createdAt: fog.createdAt },
      { name: 'Wide', query: 'ar:16:9', filters: {}, createdAt: wide.createdAt },
    ]);
  });

  it('takes its turn among every other change: newest first, one ordered history', async () => {
    const library = await studio();
    const board = await call<Collection>(library.core, 'collections:create', { name: 'Keepers' });
    const filed = await call<{ undoId: number }>(library.core, 'collections:add', { id: board.id, generationIds: [library.ids[0]] });
    const renamed = await call<{ undoId: number }>(library.core, 'collections:rename', { id: board.id, name: 'Best' });
    const tagged = await call<{ undoId: number }>(library.core, 'tags:add', { ids: [library.ids[1]], name: 'sea' });
    const retagged = await call<{ undoId: number }>(library.core, 'tags:rename', { from: 'sea', to: 'ocean' });
    const saved = await call<SavedSearch>(library.core, 'searches:save', { name: 'Ocean', query: 'tag:ocean' });
    const gone = await call<{ undoId: number }>(library.core, 'searches:delete', { id: saved.id });

    await library.restart();
    expect(await undoIds(library.core)).toEqual([filed.undoId, renamed.undoId, tagged.undoId, retagged.undoId, gone.undoId]);
  });
});

describe('an undo whose old name was taken since', () => {
  it('refuses in words and changes nothing, for a collection, a tag and a saved search', async () => {
    const library = await studio();
    const { core } = library;
    const board = await call<Collection>(core, 'collections:create', { name: 'Night' });
    const renamed = await call<{ undoId: number }>(core, 'collections:rename', { id: board.id, name: 'Dusk' });
    await call(core, 'collections:create', { name: 'night' });
    await call(core, 'tags:add', { ids: [library.ids[0]], name: 'moody' });
    const retagged = await call<{ undoId: number }>(core, 'tags:rename', { from: 'moody', to: 'dark' });
    await call(core, 'tags:add', { ids: [library.ids[1]], name: 'Moody' });
    const search = await call<SavedSearch>(core, 'searches:save', { name: 'Calm', query: 'fog' });
    const renamedSearch = await call<{ undoId: number }>(core, 'searches:rename', { id: search.id, name: 'Still' });
    await call(core, 'searches:save', { name: 'calm', query: 'sea' });
    const before = library.stored('SELECT name FROM collections UNION ALL SELECT name FROM tags UNION ALL SELECT name FROM saved_searches');

    for (const [undoId, what, name] of [
      [renamed.undoId, 'a collection', 'night'],
      [retagged.undoId, 'a tag', 'Moody'],
      [renamedSearch.undoId, 'a saved search', 'calm'],
    ] as const) {
      const refused = await core.dispatch('undo:run', { undoId });
      expect(refused).toEqual({
        ok: false,
        error: { code: 'conflict', message: `This can't be undone: there is already ${what} named "${name}". Rename that one first, then undo again.`, details: { name } },
      });
    }
    expect(library.stored('SELECT name FROM collections UNION ALL SELECT name FROM tags UNION ALL SELECT name FROM saved_searches')).toEqual(before);
    // the refused steps stay: once the name is free again, the undo goes through
    await call(core, 'collections:rename', { id: (await call<Collection[]>(core, 'collections:list')).find((c) => c.name === 'night')!.id, name: 'Late' });
    await call(core, 'undo:run', { undoId: renamed.undoId });
    expect((await collections(core)).map(([name]) => name)).toEqual(['Late', 'Night']);
  });

  it('an older rename undone before a newer one (its toast) refuses in words, changes nothing, and goes through after the newer', async () => {
    const library = await studio();
    const { core } = library;
    const board = await call<Collection>(core, 'collections:create', { name: 'Night' });
    const first = await call<{ undoId: number }>(core, 'collections:rename', { id: board.id, name: 'Dusk' });
    const second = await call<{ undoId: number }>(core, 'collections:rename', { id: board.id, name: 'Evening' });
    await call(core, 'tags:add', { ids: [library.ids[0]], name: 'moody' });
    const firstTag = await call<{ undoId: number }>(core, 'tags:rename', { from: 'moody', to: 'dark' });
    const secondTag = await call<{ undoId: number }>(core, 'tags:rename', { from: 'dark', to: 'gloomy' });
    const search = await call<SavedSearch>(core, 'searches:save', { name: 'Calm', query: 'fog' });
    const firstSearch = await call<{ undoId: number }>(core, 'searches:rename', { id: search.id, name: 'Still' });
    const secondSearch = await call<{ undoId: number }>(core, 'searches:rename', { id: search.id, name: 'Quiet' });
    const names = () => library.stored('SELECT name FROM collections UNION ALL SELECT name FROM tags UNION ALL SELECT name FROM saved_searches');
    const before = names();

    for (const [undoId, message] of [
      [first.undoId, 'the collection "Dusk" has been renamed "Evening" since'],
      [firstTag.undoId, 'there is no tag named "dark" any more (renamed or deleted since)'],
      [firstSearch.undoId, 'there is no saved search named "Still" any more (renamed or deleted since)'],
    ] as const) {
      expect(await core.dispatch('undo:run', { undoId })).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: `This can't be undone yet: ${message}. Undo that newer change first, then undo this one.` },
      });
    }
    expect(names()).toEqual(before);
    expect(await undoIds(core)).toEqual(expect.arrayContaining([first.undoId, firstTag.undoId, firstSearch.undoId]));

    for (const step of [second, first, secondTag, firstTag, secondSearch, firstSearch]) await call(core, 'undo:run', { undoId: step.undoId });
    expect(await collections(core)).toEqual([['Night', 0]]);
    expect((await call<Tag[]>(core, 'tags:list', { prefix: '' })).map((t) => t.name)).toEqual(['moody']);
    expect(await searches(core)).toEqual(['Calm']);
  });

  it('an older rename refuses while its collection is deleted, or its tag or saved search re-spelt, since; each goes through after the newer change', async () => {
    const library = await studio();
    const { core } = library;
    const board = await call<Collection>(core, 'collections:create', { name: 'Night' });
    const renamed = await call<{ undoId: number }>(core, 'collections:rename', { id: board.id, name: 'Dusk' });
    const deleted = await call<{ undoId: number }>(core, 'collections:delete', { id: board.id });
    await call(core, 'tags:add', { ids: [library.ids[0]], name: 'moody' });
    const retagged = await call<{ undoId: number }>(core, 'tags:rename', { from: 'moody', to: 'dark' });
    const respelt = await call<{ undoId: number }>(core, 'tags:rename', { from: 'dark', to: 'Dark' });
    const search = await call<SavedSearch>(core, 'searches:save', { name: 'Calm', query: 'fog' });
    const renamedSearch = await call<{ undoId: number }>(core, 'searches:rename', { id: search.id, name: 'still' });
    const respeltSearch = await call<{ undoId: number }>(core, 'searches:rename', { id: search.id, name: 'Still' });

    for (const [undoId, message] of [
      [renamed.undoId, 'there is no collection named "Dusk" any more (renamed or deleted since)'],
      [retagged.undoId, 'the tag "dark" has been renamed "Dark" since'],
      [renamedSearch.undoId, 'the saved search "still" has been renamed "Still" since'],
    ] as const) {
      expect(await core.dispatch('undo:run', { undoId })).toMatchObject({ ok: false, error: { code: 'conflict', message: `This can't be undone yet: ${message}. Undo that newer change first, then undo this one.` } });
    }
    for (const step of [deleted, renamed, respelt, retagged, respeltSearch, renamedSearch]) await call(core, 'undo:run', { undoId: step.undoId });
    expect(await collections(core)).toEqual([['Night', 0]]);
    expect((await call<Tag[]>(core, 'tags:list', { prefix: '' })).map((t) => t.name)).toEqual(['moody']);
    expect(await searches(core)).toEqual(['Calm']);
  });

  it('a deleted saved search whose name was taken since stays deleted, and says why', async () => {
    const library = await studio();
    const { core } = library;
    const search = await call<SavedSearch>(core, 'searches:save', { name: 'Fog', query: 'fog' });
    const gone = await call<{ undoId: number }>(core, 'searches:delete', { id: search.id });
    await call(core, 'searches:save', { name: 'FOG', query: 'mist' });
    expect(await core.dispatch('undo:run', { undoId: gone.undoId })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already a saved search named "FOG"/) } });
    expect(await call<SavedSearch[]>(core, 'searches:list')).toMatchObject([{ name: 'FOG', query: 'mist' }]);
  });
});

describe('collections binned by an older Atelier', () => {
  it('are removed at start when no kept step can bring them back', async () => {
    const dir = tempDir('atelier-undo-names-');
    cleanups.push(dir.remove);
    const db = openLibrary(dir.path);
    const g = addFinishedRun(db, 1_000, { prompt: 'stone' });
    db.prepare('INSERT INTO collections (id, name, created_at, deleted_at) VALUES (1, ?, 1, 5), (2, ?, 1, NULL)').run('Old bin', 'Live');
    db.prepare('INSERT INTO collection_members (collection_id, generation_id, images, added_at) VALUES (1, ?, 15, 1), (2, ?, 15, 1)').run(g, g);
    closeLibrary(db);
    const core = await startTestCore(dir.path);
    cleanups.push(() => core.close());
    const reader = new Database(libraryPath(dir.path), { readonly: true });
    cleanups.push(() => void reader.close());
    await expect.poll(() => reader.prepare('SELECT id FROM collections ORDER BY id').all()).toEqual([{ id: 2 }]);
    expect(reader.prepare('SELECT collection_id FROM collection_members').all()).toEqual([{ collection_id: 2 }]);
  });
});
