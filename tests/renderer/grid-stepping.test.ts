import { bridge, generation } from './fake-atelier.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { useDetailStore } from '../../renderer/src/stores/detail-store.ts';
import { useGalleryStore } from '../../renderer/src/stores/gallery-store.ts';

const selected = () => useDetailStore.getState().selected;

beforeEach(() => {
  bridge.reset();
  // ten generations in rows of four, four and two; no more pages to load
  useGalleryStore.setState({ items: Array.from({ length: 10 }, (_, i) => generation(i + 1)), layout: 'generations', rowStarts: [0, 4, 8] });
  useDetailStore.setState({ selected: null });
});

describe('stepping through the grid with the keyboard', () => {
  it('the first arrow picks the first tile; then left and right move one tile and stop at the ends', () => {
    const { step } = useDetailStore.getState();
    step(1);
    expect(selected()).toEqual({ id: 1, index: 0 });
    step(-1);
    expect(selected()).toEqual({ id: 1, index: 0 });
    step(3);
    expect(selected()).toEqual({ id: 4, index: 0 });
    step(100);
    expect(selected()).toEqual({ id: 10, index: 0 });
  });

  it('up and down keep about the same place along the row, and a short last row takes its last tile', () => {
    useDetailStore.setState({ selected: { id: 3, index: 0 } });
    useDetailStore.getState().stepRow(1);
    expect(selected()).toEqual({ id: 7, index: 0 });
    useDetailStore.getState().stepRow(1);
    expect(selected()).toEqual({ id: 10, index: 0 });
    useDetailStore.getState().stepRow(1);
    expect(selected()).toEqual({ id: 10, index: 0 });
    useDetailStore.getState().stepRow(-1);
    expect(selected()).toEqual({ id: 6, index: 0 });
  });

  it('in the single-image layout each image is a tile of its own', () => {
    useGalleryStore.setState({ layout: 'images', rowStarts: [0, 6] });
    useDetailStore.setState({ selected: { id: 1, index: 3 } });
    useDetailStore.getState().step(1);
    expect(selected()).toEqual({ id: 2, index: 0 });
    useDetailStore.getState().stepRow(1);
    expect(selected()).toEqual({ id: 3, index: 2 });
  });
});

describe('the detail view’s strip of images', () => {
  it('picking an image shows it and moves the selection with it; an index the generation lacks changes nothing', () => {
    const open = generation(5);
    useDetailStore.setState({ open, imageIndex: 0, selected: { id: 5, index: 0 } });
    useDetailStore.getState().showImage(2);
    expect(useDetailStore.getState().imageIndex).toBe(2);
    expect(selected()).toEqual({ id: 5, index: 2 });
    useDetailStore.getState().showImage(open.images.length);
    expect(useDetailStore.getState().imageIndex).toBe(2);
  });
});
