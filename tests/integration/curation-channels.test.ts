import { afterEach, describe, expect, it } from 'vitest';
import type { Collection, ImageRef, SavedSearch, Tag } from '../../shared/curation.ts';
import type { Generation } from '../../shared/generation.ts';
import type { SearchPage } from '../../shared/search.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function studio() {
  const dir = tempDir('atelier-curation-');
  const core = await startTestCore(dir.path);
  cleanups.push(dir.remove, () => core.close());
  return { core, dir: dir.path };
}

const search = async (core: Awaited<ReturnType<typeof startTestCore>>, text: string) =>
  (await call<SearchPage>(core, 'library:search', { text, statuses: ['queued', 'submitting', 'waiting', 'generating', 'downloading', 'done'] })).items.map((g) => g.id);

describe('curation channels', () => {
  it('refuse bad input in words and bound every list', async () => {
    const { core } = await studio();
    const refused = async (channel: string, input: unknown) => {
      const result = await core.dispatch(channel, input);
      if (result.ok) throw new Error(`${channel} accepted ${JSON.stringify(input)}`);
      return result.error;
    };
    expect(await refused('collections:create', { name: '   ' })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Give the collection a name/) });
    expect(await refused('collections:create', { name: 'x'.repeat(101) })).toMatchObject({ message: expect.stringMatching(/at most 100 characters/) });
    expect(await refused('collections:create', { name: 'say "hi"' })).toMatchObject({ message: expect.stringMatching(/double quote/) });
    expect(await refused('collections:add', { id: 1 })).toMatchObject({ message: expect.stringMatching(/at least one image or generation/) });
    expect(await refused('collections:add', { id: 1, images: [{ generationId: 1, index: 4 }] })).toMatchObject({ code: 'invalid_input' });
    expect(await refused('collections:add', { id: 1, generationIds: Array.from({ length: 10_001 }, (_, i) => i + 1) })).toMatchObject({ code: 'invalid_input' });
    expect(await refused('tags:add', { ids: [1], name: '' })).toMatchObject({ message: expect.stringMatching(/Type a tag/) });
    expect(await refused('tags:add', { ids: [1], name: 'a\tb' })).toMatchObject({ message: expect.stringMatching(/invisible characters/) });
    expect(await refused('searches:save', { name: 'line\nbreak', query: '' })).toMatchObject({ message: expect.stringMatching(/invisible characters/) });
    expect(await refused('tags:list', { prefix: 'x'.repeat(51) })).toMatchObject({ code: 'invalid_input' });
    expect(await refused('searches:save', { name: 'a', query: 'x'.repeat(2001) })).toMatchObject({ code: 'invalid_input' });
    expect(await refused('searches:save', { name: 'a', query: 'x', filters: { nested: { no: 1 } } })).toMatchObject({ code: 'invalid_input' });
    expect(await refused('collections:rename', { id: 99, name: 'Nothing' })).toMatchObject({ code: 'not_found', message: 'This collection is no longer in the library.' });
  });

  it('each change answers what its undo needs, and the undo restores the state before', async () => {
    const { core } = await studio();
    const events = recordEvents(core);
    const g = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'copper teapot' } });
    await events.reach(g.id, 'done');
    const board = await call<Collection>(core, 'collections:create', { name: 'Still life' });

    const added = await call<{ images: ImageRef[] }>(core, 'collections:add', { id: board.id, images: [{ generationId: g.id, index: 0 }] });
    const more = await call<{ images: ImageRef[] }>(core, 'collections:add', { id: board.id, generationIds: [g.id] });
    expect(added.images).toEqual([{ generationId: g.id, index: 0 }]);
    expect(more.images.map((r) => r.index)).toEqual([1, 2, 3]);
    // undo of the second add: only what it added leaves
    await call(core, 'collections:remove', { id: board.id, images: more.images });
    expect((await call<Collection[]>(core, 'collections:list'))[0]?.images).toBe(1);

    const renamed = await call<{ previousName: string; undoId: number }>(core, 'collections:rename', { id: board.id, name: 'Teapots' });
    expect(renamed.previousName).toBe('Still life');
    await call(core, 'undo:run', { undoId: renamed.undoId });
    const deleted = await call<{ undoId: number }>(core, 'collections:delete', { id: board.id });
    expect(await call<Collection[]>(core, 'collections:list')).toEqual([]);
    await call(core, 'undo:run', { undoId: deleted.undoId });
    expect(await call<Collection[]>(core, 'collections:list')).toMatchObject([{ name: 'Still life', images: 1 }]);

    const tagged = await call<{ ids: number[] }>(core, 'tags:add', { ids: [g.id], name: 'kitchen' });
    expect(tagged.ids).toEqual([g.id]);
    expect(await call<Tag[]>(core, 'tags:list', { prefix: 'KIT' })).toEqual([{ name: 'kitchen', generations: 1 }]);
    expect(await search(core, 'tag:kitchen in:"still life"')).toEqual([g.id]);
    await call(core, 'tags:remove', { ids: tagged.ids, name: 'kitchen' });
    expect(await call<Tag[]>(core, 'tags:of', { id: g.id })).toEqual([]);

    const saved = await call<SavedSearch>(core, 'searches:save', { name: 'Teapots', query: 'teapot', filters: { layout: 'images' } });
    const gone = await call<{ undoId: number }>(core, 'searches:delete', { id: saved.id });
    expect(await call<SavedSearch[]>(core, 'searches:list')).toEqual([]);
    await call(core, 'undo:run', { undoId: gone.undoId });
    expect(await call<SavedSearch[]>(core, 'searches:list')).toMatchObject([{ name: 'Teapots', query: 'teapot', filters: { layout: 'images' }, createdAt: saved.createdAt }]);
  });

  it('"Generate into" files a run with its queued row, so a restart before it runs still files it', async () => {
    const dir = tempDir('atelier-curation-');
    cleanups.push(dir.remove);
    // the first core's one slot is held by a run the API never answers: the filed run is still queued when it stops
    const first = await startTestCore(dir.path, { closeGraceMs: 0 });
    await call(first, 'settings:update', { concurrency: 1 });
    first.provider.sandbox!.faults.add({ endpoint: 'createTask', kind: 'hang', promptContains: 'never answered' });
    const firstEvents = recordEvents(first);
    const holder = await call<Generation>(first, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'never answered' } });
    await firstEvents.until('generation:updated', (g) => g.id === holder.id && g.status === 'submitting');
    const board = await call<Collection>(first, 'collections:create', { name: 'Night runs' });
    const run = await call<Generation>(first, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'owl at dusk' }, collectionId: board.id });
    expect(await search(first, 'in:"Night runs"')).toEqual([run.id]);
    await first.close();
    expect(firstEvents.statuses(run.id)).toEqual(['queued']);

    const again = await startTestCore(dir.path);
    cleanups.push(() => again.close());
    const events = recordEvents(again);
    const done = await events.reach(run.id, 'done');
    expect(done.images.filter((i) => i.state === 'done')).toHaveLength(4);
    expect((await call<SearchPage>(again, 'library:search', { text: 'in:"night runs"' })).items.map((g) => g.id)).toEqual([run.id]);
    expect((await call<Collection[]>(again, 'collections:list'))[0]).toMatchObject({ name: 'Night runs', images: 4 });
  });

  it('"Generate into" a collection that is gone saves nothing and says so', async () => {
    const { core } = await studio();
    const result = await core.dispatch('generation:create', { params: { model: 'midjourney-v7', prompt: 'lost' }, collectionId: 77 });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found', message: 'This collection is no longer in the library.' } });
    expect((await call<{ items: Generation[] }>(core, 'queue:get')).items).toEqual([]);
  });
});
