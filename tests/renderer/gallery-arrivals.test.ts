/**
 * Where a changed generation the grid does not show goes. Only a run that just finished has a new
 * place (the top of the newest-first grid, or a reload of a filtered one); a curation answer for a
 * stacked rerun under its tile, or for a generation below the loaded pages, must not put it at the
 * top, and must not reload the grid once per generation after a bulk change.
 */
import { bridge, generation } from './fake-atelier.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Generation } from '../../shared/generation.ts';
import { useGalleryStore } from '../../renderer/src/stores/gallery-store.ts';
import { useQueueStore } from '../../renderer/src/stores/queue-store.ts';
import { useCurationStore } from '../../renderer/src/stores/curation-store.ts';

const shownIds = () => useGalleryStore.getState().items.map((g) => g.id);
const searches = () => bridge.calls.filter((call) => call.channel === 'library:search').length;
/** Generation `id`, a rerun of `of` (same settings and seed): stacked under the same tile. */
const rerunOf = (id: number, of: Generation) => generation(id, { effective: { ...of.effective }, params: { ...of.params } });

/** The grid showing `text` (stacked, newest first): its first page holds `loaded`, more pages follow. */
async function showing(text: string, loaded: Generation[]) {
  bridge.reset();
  bridge.answer('library:search', { items: loaded, nextCursor: 'more', ignoredTerms: [] });
  bridge.answer('library:count', { total: 40, tiles: 20 });
  useGalleryStore.setState({ query: { text }, sort: 'newest', items: [], fresh: new Set() });
  await useGalleryStore.getState().refresh();
  bridge.calls.length = 0;
}

const head = generation(20, { stackSize: 3 });

beforeEach(() => {
  useCurationStore.setState({ stackReruns: true, hideRejected: true });
  useQueueStore.setState({ items: [], landed: [] });
});

describe('a changed generation the grid does not show', () => {
  it('a rerun stacked under a shown tile stays in its stack (a rating answered for every member)', async () => {
    await showing('', [head, generation(18), generation(16)]);
    useGalleryStore.getState().applyGeneration(rerunOf(12, head));
    expect(shownIds()).toEqual([20, 18, 16]);
    expect(useGalleryStore.getState().items[0]?.stackSize).toBe(3);
  });

  it('one older than the loaded pages waits for its page; the count stays', async () => {
    await showing('', [head, generation(18), generation(16)]);
    useGalleryStore.getState().applyGeneration(generation(3, { bestRating: 4 }));
    expect(shownIds()).toEqual([20, 18, 16]);
    expect(useGalleryStore.getState().fresh.has(3)).toBe(false);
  });

  it('a run that just finished still goes to the top, counted, and a finished rerun takes its stack\'s tile', async () => {
    await showing('', [head, generation(18), generation(16)]);
    const total = useGalleryStore.getState().total;
    useGalleryStore.getState().applyGeneration(generation(22));
    expect(shownIds()).toEqual([22, 20, 18, 16]);
    expect(useGalleryStore.getState().total).toBe((total ?? 0) + 1);
    useGalleryStore.getState().applyGeneration(rerunOf(23, head));
    expect(shownIds()).toEqual([23, 22, 18, 16]);
    expect(useGalleryStore.getState().items[0]?.stackSize).toBe(4);
  });

  it('a run that landed after a newer one (runs in parallel) still shows; an older rerun landing joins its stack behind the tile', async () => {
    await showing('', [head, generation(18), generation(16)]);
    const older = generation(19);
    useQueueStore.setState({ landed: [older] });
    useGalleryStore.getState().applyGeneration(older);
    expect(shownIds()).toEqual([19, 20, 18, 16]);
    const olderRerun = rerunOf(17, head);
    useQueueStore.setState({ landed: [older, olderRerun] });
    const total = useGalleryStore.getState().total ?? 0;
    useGalleryStore.getState().applyGeneration(olderRerun);
    // its later changes (a rating) count it no more
    useGalleryStore.getState().applyGeneration({ ...olderRerun, bestRating: 3 });
    expect(shownIds()).toEqual([19, 20, 18, 16]);
    expect(useGalleryStore.getState().items[1]?.stackSize).toBe(4);
    expect(useGalleryStore.getState().total).toBe(total + 1);
  });

  it('under a search, a curation answer for a generation not shown reloads nothing; a run that landed reloads the grid', async () => {
    await showing('castle', [generation(18), generation(16)]);
    for (let id = 1; id <= 10; id += 1) useGalleryStore.getState().applyGeneration(generation(id, { bestRating: 5 }));
    expect(searches()).toBe(0);
    const run = generation(30);
    useQueueStore.setState({ landed: [run] });
    useGalleryStore.getState().applyGeneration(run);
    expect(searches()).toBe(1);
  });
});
