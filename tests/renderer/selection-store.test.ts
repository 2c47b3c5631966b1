import { generation } from './fake-atelier.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { useGalleryStore } from '../../renderer/src/stores/gallery-store.ts';
import { useSelectionStore } from '../../renderer/src/stores/selection-store.ts';

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

  it('select all takes the loaded tiles; restore keeps only those still loaded', () => {
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
