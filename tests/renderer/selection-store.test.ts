import { bridge, generation } from './fake-atelier.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UNTIL_IT_HAPPENS } from '../support/stuck-wait.ts';
import { useGalleryStore } from '../../renderer/src/stores/gallery-store.ts';
import { querySelection, selectedImageRefs, selectedPicks, selectionShown, selectionSize, useSelectionStore } from '../../renderer/src/stores/selection-store.ts';
import { useCurationStore } from '../../renderer/src/stores/curation-store.ts';
import { useDetailStore } from '../../renderer/src/stores/detail-store.ts';
import { exportSelection, useExportStore } from '../../renderer/src/stores/export-store.ts';
import { applyEverywhere } from '../../renderer/src/stores/fresh-copies.ts';
import { useCompareStore } from '../../renderer/src/stores/compare-store.ts';

const ids = () => [...useSelectionStore.getState().ids];
/** A tile of the four-up layout (image 1 of generation `id`). */
const at = (id: number) => ({ id, index: 0 });

beforeEach(() => {
  useSelectionStore.getState().clear();
  useGalleryStore.setState({ items: [1, 2, 3, 4, 5].map((id) => generation(id)), layout: 'generations' });
});

describe('the gallery selection', () => {
  it('Ctrl/Cmd+click adds and removes one tile at a time', () => {
    const { toggle } = useSelectionStore.getState();
    toggle(at(2));
    toggle(at(4));
    expect(ids()).toEqual([2, 4]);
    toggle(at(2));
    expect(ids()).toEqual([4]);
  });

  it('Shift+click selects the range from the anchor, else from the current tile, in gallery order', () => {
    useSelectionStore.getState().extendTo(at(4), at(2));
    expect(ids()).toEqual([2, 3, 4]);
    // the anchor stays where the range began
    useSelectionStore.getState().extendTo(at(1), at(5));
    expect(ids()).toEqual([1, 2]);
  });

  it('select all ticks the loaded tiles; restore keeps only those still loaded', () => {
    useSelectionStore.getState().selectAll();
    expect(ids()).toEqual([1, 2, 3, 4, 5]);
    useSelectionStore.getState().restore([9, 3, 1]);
    expect(ids()).toEqual([1, 3]);
  });

  it('a tile leaving the results leaves the selection; a new search clears it', () => {
    useSelectionStore.getState().extendTo(at(3), at(1));
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
    useSelectionStore.getState().toggle(at(2));
    expect(ids()).toEqual([1, 3]);
    expect(selectionSize(useSelectionStore.getState())).toBe(899);
    expect(querySelection()).toMatchObject({ search: { text: 'castle' }, except: [2] });
    // the next page arrives: its tiles are part of everything
    useGalleryStore.setState((s) => ({ items: [...s.items, generation(4), generation(5)] }));
    expect(ids()).toEqual([1, 3, 4, 5]);
    // ticking it again puts it back
    useSelectionStore.getState().toggle(at(2));
    expect(querySelection()?.except).toEqual([]);
    expect(selectionSize(useSelectionStore.getState())).toBe(900);
  });

  it('a range, Esc (clear), another search or "Hide rejected" switched leave everything for good', async () => {
    await showing('castle', [1, 2, 3], 900);
    useSelectionStore.getState().selectAll();
    useSelectionStore.getState().extendTo(at(2), at(1));
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

describe('the single-image layout picks images', () => {
  beforeEach(() => useGalleryStore.setState({ layout: 'images' }));

  it('two images of one generation are two picks (Compare takes them); the count is of images', () => {
    const { toggle } = useSelectionStore.getState();
    toggle({ id: 2, index: 0 });
    toggle({ id: 2, index: 3 });
    expect(selectedImageRefs()).toEqual([{ generationId: 2, index: 0 }, { generationId: 2, index: 3 }]);
    expect(ids()).toEqual([2]);
    expect(selectionSize(useSelectionStore.getState())).toBe(2);
    toggle({ id: 2, index: 0 });
    expect(selectedImageRefs()).toEqual([{ generationId: 2, index: 3 }]);
  });

  it('Shift+click ranges over images in gallery order, across generations', () => {
    useSelectionStore.getState().extendTo({ id: 2, index: 1 }, { id: 1, index: 2 });
    expect(selectedImageRefs().map((r) => `${r.generationId}:${r.index}`)).toEqual(['1:2', '1:3', '2:0', '2:1']);
  });

  it('switching layouts keeps what is picked: images become their generations, a generation all its images', () => {
    useSelectionStore.getState().toggle({ id: 3, index: 1 });
    useSelectionStore.getState().toggle({ id: 4, index: 2 });
    useGalleryStore.setState({ layout: 'generations' });
    expect(ids()).toEqual([3, 4]);
    expect(selectedImageRefs()).toEqual([]);
    expect(selectionSize(useSelectionStore.getState())).toBe(2);
    useGalleryStore.setState({ layout: 'images' });
    expect(selectedImageRefs()).toHaveLength(8);
  });

  it('an image hidden (rejected while "Hide rejected" is on) or deleted leaves the selection', () => {
    useCurationStore.setState({ hideRejected: true });
    useSelectionStore.getState().toggle({ id: 1, index: 0 });
    useSelectionStore.getState().toggle({ id: 1, index: 1 });
    const [one] = useGalleryStore.getState().items;
    if (!one) throw new Error('no generation 1');
    const images = one.images.map((image) => (image.index === 1 ? { ...image, rejected: true } : image));
    useGalleryStore.setState((s) => ({ items: s.items.map((g) => (g.id === 1 ? { ...g, images } : g)) }));
    expect(selectedImageRefs()).toEqual([{ generationId: 1, index: 0 }]);
  });
});

describe('the detail view picks images in the four-up layout too', () => {
  it('a pick from its strip is an image; a tile Ctrl/Cmd+clicked after makes the picks whole generations', () => {
    const { toggle } = useSelectionStore.getState();
    toggle({ id: 3, index: 1 }, true);
    toggle({ id: 3, index: 2 }, true);
    expect(selectedImageRefs()).toEqual([{ generationId: 3, index: 1 }, { generationId: 3, index: 2 }]);
    expect(selectionSize(useSelectionStore.getState())).toBe(2);
    toggle({ id: 5, index: 0 });
    expect(selectedImageRefs()).toEqual([]);
    expect(ids()).toEqual([3, 5]);
  });
});

describe('picks in the detail view of a generation no loaded tile shows (a lineage link, the gallery filtered meanwhile)', () => {
  // generation 7 is not among the loaded tiles 1–5; its image 2 was deleted, so its strip shows images 1, 3 and 4
  const seven = generation(7, { images: generation(7).images.filter((image) => image.index !== 1) });
  beforeEach(() => useDetailStore.setState({ open: seven, imageIndex: 0 }));
  afterEach(() => useDetailStore.setState({ open: null }));

  it('are kept, one after another, named by their real image numbers, and counted', () => {
    const { toggle } = useSelectionStore.getState();
    toggle({ id: 7, index: 0 }, true);
    toggle({ id: 7, index: 2 }, true);
    expect(selectedImageRefs()).toEqual([{ generationId: 7, index: 0 }, { generationId: 7, index: 3 }]);
    expect(ids()).toEqual([7]);
    expect(selectionSize(useSelectionStore.getState())).toBe(2);
    expect(selectionShown(useSelectionStore.getState())).toBe(true);
    toggle({ id: 7, index: 0 }, true);
    expect(selectedImageRefs()).toEqual([{ generationId: 7, index: 3 }]);
  });

  it('survive the gallery loading other pages and the detail view closing, beside picks of loaded tiles', () => {
    const { toggle } = useSelectionStore.getState();
    toggle({ id: 7, index: 1 }, true);
    useDetailStore.setState({ open: generation(2) });
    toggle({ id: 2, index: 3 }, true);
    useGalleryStore.setState({ items: [1, 2, 3].map((id) => generation(id)) });
    useDetailStore.setState({ open: null });
    expect(selectedImageRefs()).toEqual([{ generationId: 2, index: 3 }, { generationId: 7, index: 2 }]);
    // a loaded tile that leaves the results still leaves the selection
    useGalleryStore.setState({ items: [1, 3].map((id) => generation(id)) });
    expect(selectedImageRefs()).toEqual([{ generationId: 7, index: 2 }]);
  });

  it('are acted on with their images as the detail view shows them now, and go to Export as those images', async () => {
    useSelectionStore.getState().toggle({ id: 7, index: 0 }, true);
    useSelectionStore.getState().toggle({ id: 7, index: 1 }, true);
    useDetailStore.setState({ open: { ...seven, images: seven.images.map((image) => ({ ...image, favorite: true })) } });
    expect(selectedPicks().map(({ image }) => image.favorite)).toEqual([true, true]);
    await exportSelection();
    expect(useExportStore.getState()).toMatchObject({ ids: [7], images: [{ generationId: 7, index: 0 }, { generationId: 7, index: 2 }] });
  });

  it('stay as the core has them after the detail view closed, and go when their generation leaves the library', () => {
    const { toggle } = useSelectionStore.getState();
    toggle({ id: 7, index: 0 }, true);
    toggle({ id: 7, index: 2 }, true);
    useDetailStore.setState({ open: null });
    // rated meanwhile (a push, an undo): actions decide from the images as they are now
    applyEverywhere({ ...seven, images: seven.images.map((image) => ({ ...image, rating: 4 })) });
    expect(selectedPicks().map(({ image }) => image.rating)).toEqual([4, 4]);
    // its first image deleted: the picks stay on the same two images, now one place earlier in its strip
    applyEverywhere({ ...seven, images: seven.images.filter((image) => image.index !== 0) });
    expect(selectedImageRefs()).toEqual([{ generationId: 7, index: 3 }]);
    expect(selectionSize(useSelectionStore.getState())).toBe(1);
    // the whole generation deleted: nothing of it is left to compare, file or export
    useSelectionStore.getState().forget([7]);
    expect(selectedImageRefs()).toEqual([]);
    expect(useSelectionStore.getState().outside.size).toBe(0);
    expect(ids()).toEqual([]);
  });

  it('follow their image once, when the gallery has meanwhile loaded their generation too', () => {
    useSelectionStore.getState().toggle({ id: 7, index: 2 }, true); // image 4 of 7 (its strip shows 1, 3, 4)
    useDetailStore.setState({ open: null });
    useGalleryStore.setState({ items: [...[1, 2, 3].map((id) => generation(id)), seven] });
    applyEverywhere({ ...seven, images: seven.images.filter((image) => image.index !== 0) });
    expect(selectedImageRefs()).toEqual([{ generationId: 7, index: 3 }]);
  });

  it('survive a switch to the single-image layout, and go with a clear', () => {
    useSelectionStore.getState().toggle({ id: 7, index: 0 }, true);
    useSelectionStore.getState().toggle({ id: 7, index: 2 }, true);
    useGalleryStore.setState({ layout: 'images' });
    expect(selectedImageRefs()).toHaveLength(2);
    useSelectionStore.getState().clear();
    expect(useSelectionStore.getState().outside.size).toBe(0);
    expect(selectedImageRefs()).toEqual([]);
  });
});

describe('picked images of loaded tiles', () => {
  it('stay on their images when an image before them in the same generation is deleted', () => {
    useGalleryStore.setState({ layout: 'images' });
    const { toggle } = useSelectionStore.getState();
    toggle({ id: 2, index: 2 }, true);
    toggle({ id: 2, index: 3 }, true);
    toggle({ id: 4, index: 1 }, true);
    const two = generation(2);
    useGalleryStore.getState().applyGeneration({ ...two, images: two.images.filter((image) => image.index !== 1) });
    expect(selectedImageRefs()).toEqual([{ generationId: 2, index: 2 }, { generationId: 2, index: 3 }, { generationId: 4, index: 1 }]);
    // a picked image deleted leaves the selection; the others stay where they are
    useGalleryStore.getState().applyGeneration({ ...two, images: two.images.filter((image) => image.index === 0 || image.index === 3) });
    expect(selectedImageRefs()).toEqual([{ generationId: 2, index: 3 }, { generationId: 4, index: 1 }]);
  });
});

describe('a selection of everything that holds collapsed stacks', () => {
  it('unticking a stack leaves every member out of the count and of what the core is sent', async () => {
    bridge.reset();
    bridge.answer('library:search', { items: [generation(9, { stackSize: 3 }), generation(5)], nextCursor: null, ignoredTerms: [] });
    bridge.answer('library:count', { total: 4, tiles: 2 });
    bridge.answer('library:stackMembers', { ids: [9, 8, 7] });
    useGalleryStore.setState({ query: { text: 'castle' } });
    await useGalleryStore.getState().refresh();
    // the total is asked once the page has stood a moment (as after typing)
    await vi.waitFor(() => expect(useGalleryStore.getState()).toMatchObject({ total: 4, tiles: 2 }), UNTIL_IT_HAPPENS);
    useSelectionStore.getState().selectAll();
    await flush();
    expect(selectionSize(useSelectionStore.getState())).toBe(4);
    useSelectionStore.getState().toggle({ id: 9, index: 0 });
    await flush();
    expect([...(querySelection()?.except ?? [])].sort()).toEqual([7, 8, 9]);
    expect(selectionSize(useSelectionStore.getState())).toBe(1);
    // ticked again: the members come back with it
    useSelectionStore.getState().toggle({ id: 9, index: 0 });
    await flush();
    expect(querySelection()?.except).toEqual([]);
    expect(selectionSize(useSelectionStore.getState())).toBe(4);
  });
});

describe('compare panes', () => {
  it('follow a generation the core answers for, loaded in the grid or not, and stay on their image', () => {
    const nine = generation(9);
    useCompareStore.setState({ panes: [{ generation: nine, index: 2 }, { generation: generation(3), index: 0 }], focused: 0 });
    applyEverywhere({ ...nine, images: nine.images.filter((image) => image.index !== 0).map((image) => ({ ...image, favorite: true })) });
    const [pane] = useCompareStore.getState().panes;
    expect(pane?.index).toBe(1);
    expect(pane?.generation.images[pane.index]).toMatchObject({ index: 2, favorite: true });
    useCompareStore.setState({ panes: [] });
  });
});

describe('a pick remembered outside the loaded tiles, whose generation the gallery then takes in as a new tile', () => {
  it('follows its image once', () => {
    const seven = generation(7, { images: generation(7).images.filter((image) => image.index !== 1) });
    useGalleryStore.setState({ items: [1, 2, 3].map((id) => generation(id)), layout: 'generations', status: 'ready', query: { text: '' } });
    useDetailStore.setState({ open: seven, imageIndex: 0 });
    useSelectionStore.getState().toggle({ id: 7, index: 2 }, true); // image 4 (its strip shows 1, 3, 4)
    useDetailStore.setState({ open: null });
    applyEverywhere({ ...seven, images: seven.images.filter((image) => image.index !== 0) });
    expect(selectedImageRefs()).toEqual([{ generationId: 7, index: 3 }]);
  });
});
