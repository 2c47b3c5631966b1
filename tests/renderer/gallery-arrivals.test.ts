/**
 * Where a changed generation the grid does not show goes. A run that just finished, or a generation
 * back in the search, takes the place its date gives it (a rerun: its stack's tile); a curation
 * answer for a stacked rerun under its tile, for one hidden as rejected or below the loaded pages
 * must not become a tile, count twice, or reload the grid once per generation after a bulk change.
 */
import { bridge, generation } from './fake-atelier.ts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Generation } from '../../shared/generation.ts';
import { UNTIL_IT_HAPPENS } from '../support/stuck-wait.ts';
import { useGalleryStore } from '../../renderer/src/stores/gallery-store.ts';
import { useQueueStore } from '../../renderer/src/stores/queue-store.ts';
import { useCurationStore } from '../../renderer/src/stores/curation-store.ts';
import { undoInCore } from '../../renderer/src/stores/undo-actions.ts';

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
  // the total is asked once the page has stood a moment (as after typing)
  await vi.waitFor(() => expect(useGalleryStore.getState().total).toBe(40), UNTIL_IT_HAPPENS);
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

  it('a run that landed after a newer one (runs in parallel) takes its place by date; an older rerun landing joins its stack behind the tile, once', async () => {
    await showing('', [head, generation(18), generation(16)]);
    const older = generation(19);
    useQueueStore.setState({ landed: [older] });
    useGalleryStore.getState().applyGeneration(older);
    expect(shownIds()).toEqual([20, 19, 18, 16]);
    const olderRerun = rerunOf(17, head);
    useQueueStore.setState({ landed: [older, olderRerun] });
    const total = useGalleryStore.getState().total ?? 0;
    useGalleryStore.getState().applyGeneration(olderRerun);
    // its later changes (a rating) count it no more
    useGalleryStore.getState().applyGeneration({ ...olderRerun, bestRating: 3 });
    expect(shownIds()).toEqual([20, 19, 18, 16]);
    expect(useGalleryStore.getState().items[0]?.stackSize).toBe(4);
    expect(useGalleryStore.getState().total).toBe(total + 1);
  });

  it('a rerun whose tile a newer rerun took is counted once, whatever is pushed for it later', async () => {
    await showing('', [head, generation(18)]);
    const first = rerunOf(21, head);
    const second = rerunOf(22, head);
    useQueueStore.setState({ landed: [first] });
    useGalleryStore.getState().applyGeneration(first);
    useQueueStore.setState({ landed: [first, second] });
    useGalleryStore.getState().applyGeneration(second);
    expect(shownIds()).toEqual([22, 18]);
    expect(useGalleryStore.getState().items[0]?.stackSize).toBe(5);
    useGalleryStore.getState().applyGeneration({ ...first, bestRating: 2 });
    expect(shownIds()).toEqual([22, 18]);
    expect(useGalleryStore.getState().items[0]?.stackSize).toBe(5);
  });

  it('a stack\'s newest member back from an undone reject takes its tile again; a plain one comes back in its place', async () => {
    const member = generation(15, { stackSize: 2 });
    await showing('', [generation(20), member, generation(12)]);
    const total = useGalleryStore.getState().total ?? 0;
    useGalleryStore.getState().applyGeneration(rerunOf(17, member));
    expect(shownIds()).toEqual([20, 17, 12]);
    expect(useGalleryStore.getState().items[1]?.stackSize).toBe(3);
    useGalleryStore.getState().applyGeneration(generation(13));
    expect(shownIds()).toEqual([20, 17, 13, 12]);
    expect(useGalleryStore.getState().total).toBe(total + 2);
  });

  it('a generation whose images are all rejected stays out while "Hide rejected" is on', async () => {
    await showing('', [generation(20), generation(12)]);
    const rejected = generation(14);
    rejected.images = rejected.images.map((image) => ({ ...image, rejected: true }));
    useGalleryStore.getState().applyGeneration(rejected);
    expect(shownIds()).toEqual([20, 12]);
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

  it('under a search, an undo that gives back a generation not shown reads the grid again, once; one for shown tiles reads nothing', async () => {
    await showing('is:favorite', [generation(18), generation(16)]);
    bridge.answer('undo:run', { generations: [generation(16, { bestRating: 2 })], reload: false });
    expect(await undoInCore(7)).toBe('undone');
    expect(searches()).toBe(0);
    expect(useGalleryStore.getState().items[1]?.bestRating).toBe(2);
    // an unfavorite undone: the generation is back in the search, and only the core knows its place
    bridge.answer('undo:run', { generations: [generation(17), generation(12), generation(18)], reload: false });
    bridge.answer('library:search', { items: [generation(18), generation(17), generation(16)], nextCursor: null, ignoredTerms: [] });
    expect(await undoInCore(8)).toBe('undone');
    expect(searches()).toBe(1);
    expect(shownIds()).toEqual([18, 17, 16]);
  });
});
