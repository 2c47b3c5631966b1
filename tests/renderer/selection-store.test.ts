import { bridge, generation } from './fake-atelier.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { useGalleryStore } from '../../renderer/src/stores/gallery-store.ts';
import { querySelection, selectionSize, useSelectionStore } from '../../renderer/src/stores/selection-store.ts';
import { useCurationStore } from '../../renderer/src/stores/curation-store.ts';

const ids = () => [...useSelectionStore.getState().ids];

beforeEach(() => {
  useSelectionStore.getState().clear();
  useGalleryStore.setState({ items: [1, 2, 3, 4, 5].map((id) => generation(id)) });
});

describe('the gallery selection', () => {
  it('Ctrl/Cmd+click adds and removes one tile at a time', () => {
    const { toggle } = useSelectionStore.getState();
    toggle(2);
    toggle(4);
    expect(ids()).toEqual([2, 4]);
    toggle(2);
    expect(ids()).toEqual([4]);
  });

  it('Shift+click selects the range from the anchor, else from the current tile, in gallery order', () => {
    useSelectionStore.getState().extendTo(4, 2);
    expect(ids()).toEqual([2, 3, 4]);
    // the anchor stays where the range began
    useSelectionStore.getState().extendTo(1, 5);
    expect(ids()).toEqual([1, 2]);
  });

  it('select all ticks the loaded tiles; restore keeps only those still loaded', () => {
    useSelectionStore.getState().selectAll();
    expect(ids()).toEqual([1, 2, 3, 4, 5]);
    useSelectionStore.getState().restore([9, 3, 1]);
    expect(ids()).toEqual([3, 1]);
  });

  it('a tile leaving the results leaves the selection; a new search clears it', () => {
    useSelectionStore.getState().extendTo(3, 1);
    useGalleryStore.setState({ items: [1, 3, 4].map((id) => generation(id)) });
    expect(ids()).toEqual([1, 3]);
    useGalleryStore.setState({ query: { ...useGalleryStore.getState().query, text: 'castle' } });
    expect(ids()).toEqual([]);
  });
});

/** The gallery showing `text`: its first page holds `loaded`, and the core counts `total` matches (answered a turn later, as over IPC). */
async function showing(text: string, loaded: number[], total: number) {
  bridge.reset();
  bridge.answer('library:search', { items: loaded.map((id) => generation(id)), nextCursor: 'more', ignoredTerms: [] });
  bridge.answer('library:count', { total });
  useGalleryStore.setState({ query: { text } });
  await useGalleryStore.getState().refresh();
}

// the fake answers within microtasks; a macrotask runs after all of them
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Ctrl/Cmd+A: everything the search matches', () => {
  beforeEach(() => useCurationStore.setState({ hideRejected: true }));

  it('holds the gallery\'s search, not the loaded ids, and says "Counting…" until the core has counted', async () => {
    await showing('ar:16:9 harbor', [1, 2, 3], 5_000);
    useSelectionStore.getState().selectAll();
    const state = useSelectionStore.getState();
    expect(selectionSize(state)).toBeNull();
    expect(state.everything?.search).toMatchObject({ text: 'ar:16:9 harbor', statuses: ['done'], hideRejected: true });
    expect(state.everything?.search).not.toHaveProperty('cursor');
    expect(ids()).toEqual([1, 2, 3]);
    await flush();
    expect(selectionSize(useSelectionStore.getState())).toBe(5_000);
    expect(bridge.calls.filter((c) => c.channel === 'library:count').at(-1)?.input).toEqual(state.everything?.search);
  });

  it('unticking a tile leaves it out of the count and of what the core is sent; later pages come ticked', async () => {
    await showing('castle', [1, 2, 3], 900);
    useSelectionStore.getState().selectAll();
    await flush();
    useSelectionStore.getState().toggle(2);
    expect(ids()).toEqual([1, 3]);
    expect(selectionSize(useSelectionStore.getState())).toBe(899);
    expect(querySelection()).toMatchObject({ search: { text: 'castle' }, except: [2] });
    // the next page arrives: its tiles are part of everything
    useGalleryStore.setState((s) => ({ items: [...s.items, generation(4), generation(5)] }));
    expect(ids()).toEqual([1, 3, 4, 5]);
    // ticking it again puts it back
    useSelectionStore.getState().toggle(2);
    expect(querySelection()?.except).toEqual([]);
    expect(selectionSize(useSelectionStore.getState())).toBe(900);
  });

  it('a range, Esc (clear), another search or "Hide rejected" switched leave everything for good', async () => {
    await showing('castle', [1, 2, 3], 900);
    useSelectionStore.getState().selectAll();
    useSelectionStore.getState().extendTo(2, 1);
    expect(useSelectionStore.getState().everything).toBeNull();
    expect(ids()).toEqual([1, 2]);

    useSelectionStore.getState().selectAll();
    useSelectionStore.getState().clear();
    expect(useSelectionStore.getState().everything).toBeNull();
    expect(querySelection()).toBeNull();

    useSelectionStore.getState().selectAll();
    useCurationStore.setState({ hideRejected: false });
    await useGalleryStore.getState().refresh();
    expect(useSelectionStore.getState().everything).toBeNull();
    expect(ids()).toEqual([]);
  });

  it('a count that comes back for a selection already cleared is dropped', async () => {
    await showing('castle', [1, 2, 3], 900);
    useSelectionStore.getState().selectAll();
    useSelectionStore.getState().clear();
    await flush();
    expect(useSelectionStore.getState().everything).toBeNull();
    expect(selectionSize(useSelectionStore.getState())).toBe(0);
  });
});
