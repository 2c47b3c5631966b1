import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import type { CurationResult } from '../../shared/image-curation.ts';
import { UNDO_STEPS } from '../../shared/input-limits.ts';
import type { Generation } from '../../shared/generation.ts';
import type { SearchPage } from '../../shared/search.ts';
import { closeLibrary, openLibrary } from '../../electron/core/library/database.ts';
import { addFinishedRun } from '../support/library.ts';
import { turnsDuring } from '../support/event-loop.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function coreWithRun(prompt: string): Promise<{ core: Core; events: ReturnType<typeof recordEvents>; run: Generation }> {
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  const core = await startTestCore(dir.path);
  cleanups.push(() => core.close());
  const events = recordEvents(core);
  const made = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v8', prompt } });
  return { core, events, run: await events.reach(made.id, 'done') };
}

const found = async (core: Core, text: string) => (await call<SearchPage>(core, 'library:search', { text })).items.map((g) => g.id);

describe('image curation channels over the core and the Sandbox', () => {
  it('rate, favourite and reject single images, each answered with an undo that puts them back', async () => {
    const { core, run } = await coreWithRun('glass birds');
    const rated = await call<CurationResult>(core, 'image:rate', { target: { images: [{ generationId: run.id, index: 1 }] }, rating: 4 });
    expect(rated).toMatchObject({ images: 1, binned: [], generations: [{ id: run.id, bestRating: 4 }] });
    const favourite = await call<CurationResult>(core, 'image:favorite', { target: { generations: [run.id] }, favorite: true });
    expect(favourite.images).toBe(4);
    expect(favourite.generations[0]?.images.every((image) => image.favorite)).toBe(true);
    await call(core, 'image:reject', { target: { images: [{ generationId: run.id, index: 0 }] }, rejected: true });
    expect(await found(core, 'birds is:fav rating:>=4')).toEqual([run.id]);
    expect(await found(core, 'birds is:rejected rating:4')).toEqual([]);

    const undone = await call<Generation[]>(core, 'image:undo', { undoId: favourite.undoId });
    expect(undone[0]?.images.map((image) => image.favorite)).toEqual([false, false, false, false]);
    expect(await found(core, 'birds is:fav')).toEqual([]);
    await call(core, 'image:undo', { undoId: rated.undoId });
    expect((await call<Generation>(core, 'generation:get', { id: run.id })).bestRating).toBeNull();
  });

  it('deleting all four images moves the generation to the trash; the undo brings it back whole', async () => {
    const { core, events, run } = await coreWithRun('paper cranes');
    const images = [0, 1, 2, 3].map((index) => ({ generationId: run.id, index }));
    const one = await call<CurationResult>(core, 'image:delete', { target: { images: images.slice(0, 1) } });
    expect(one).toMatchObject({ binned: [], generations: [{ id: run.id, culledImages: 1 }] });
    expect(one.generations[0]?.images.map((image) => image.index)).toEqual([1, 2, 3]);
    const rest = await call<CurationResult>(core, 'image:delete', { target: { images: images.slice(1) } });
    expect(rest.binned).toEqual([run.id]);
    expect(await found(core, 'cranes')).toEqual([]);
    await events.until('library:changed', (change) => change.change === 'deleted' && change.ids.includes(run.id));
    await call(core, 'image:undo', { undoId: rest.undoId });
    await call(core, 'image:undo', { undoId: one.undoId });
    expect(await found(core, 'cranes')).toEqual([run.id]);
    expect((await call<Generation>(core, 'generation:get', { id: run.id })).images).toHaveLength(4);
  });

  it('refuses bad input in words and changes nothing', async () => {
    const { core, run } = await coreWithRun('salt flats');
    const refused = async (channel: string, input: unknown) => {
      const result = await core.dispatch(channel, input);
      expect(result.ok).toBe(false);
      return result.ok ? '' : result.error.message;
    };
    expect(await refused('image:rate', { target: { generations: [run.id] }, rating: 6 })).toMatch(/at most 5 stars/);
    expect(await refused('image:rate', { target: { generations: [run.id] }, rating: 2.5 })).toMatch(/whole number of stars/);
    await refused('image:favorite', { target: { images: [{ generationId: run.id, index: 4 }] }, favorite: true });
    await refused('image:favorite', { target: { generations: [] }, favorite: true });
    await refused('image:delete', { target: { generations: Array.from({ length: 10_001 }, (_, i) => i + 1) } });
    await refused('image:undo', { undoId: 1, extra: 1 });
    // an undo is taken once; an unknown one says so
    const rated = await call<CurationResult>(core, 'image:rate', { target: { generations: [run.id] }, rating: 3 });
    await call(core, 'image:undo', { undoId: rated.undoId });
    expect(await refused('image:undo', { undoId: rated.undoId })).toMatch(/can no longer be undone/);
    expect((await call<Generation>(core, 'generation:get', { id: run.id })).images.map((i) => [i.favorite, i.rating])).toEqual(
      [0, 1, 2, 3].map(() => [false, null]),
    );
  });
});

describe('the undos the core keeps', () => {
  it('are the last 100 changes: one further back can no longer be undone, in words', async () => {
    const { core, run } = await coreWithRun('tide pools');
    const first = await call<CurationResult>(core, 'image:rate', { target: { images: [{ generationId: run.id, index: 0 }] }, rating: 1 });
    let last = first;
    for (let n = 0; n < UNDO_STEPS; n += 1) {
      last = await call<CurationResult>(core, 'image:rate', { target: { images: [{ generationId: run.id, index: 1 }] }, rating: ((n % 5) + 1) as 1 });
    }
    const gone = await core.dispatch('image:undo', { undoId: first.undoId });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/can no longer be undone/) } });
    await call(core, 'image:undo', { undoId: last.undoId });
  });
});

describe('a big selection', () => {
  it('is written in parts that let the core answer in between, as one change with one undo', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const seeded = openLibrary(dir.path);
    const ids: number[] = [];
    seeded.transaction(() => {
      for (let n = 0; n < 250; n += 1) ids.push(addFinishedRun(seeded, 1000 + n, { prompt: `harbour study ${n}` }));
    })();
    closeLibrary(seeded);
    const core = await startTestCore(dir.path);
    cleanups.push(() => core.close());

    // turns of the event loop that ran while the change was being written
    const { value: rated, turns } = await turnsDuring(() => call<CurationResult>(core, 'image:rate', { target: { generations: ids }, rating: 2 }));
    expect(rated.images).toBe(1000);
    expect(rated.generations).toHaveLength(250);
    // three parts written and three read back: at least two turns between each kind
    expect(turns).toBeGreaterThanOrEqual(4);
    expect(await found(core, 'harbour rating:2')).toHaveLength(60);

    await call(core, 'image:undo', { undoId: rated.undoId });
    expect(await found(core, 'harbour rating:1..5')).toEqual([]);
  });
});
