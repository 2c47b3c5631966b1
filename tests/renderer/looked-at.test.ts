import { bridge, generation } from './fake-atelier.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { useDetailStore } from '../../renderer/src/stores/detail-store.ts';
import { useGalleryStore } from '../../renderer/src/stores/gallery-store.ts';
import { lookedAtImage } from '../../renderer/src/stores/looked-at.ts';

// What compare shows of a picked generation (compare-store's compareSelection reads it; the
// compare itself needs a document and is tested end to end in compare.spec.ts).
beforeEach(() => {
  bridge.reset();
  bridge.answer('generation:lineage', { parent: null, children: [] });
  useDetailStore.setState({ open: null, selected: null, imageIndex: 0 });
  useGalleryStore.setState({ items: [1, 2, 3, 4, 5, 6].map((id) => generation(id)), layout: 'generations' });
});

describe('the image last looked at in each generation', () => {
  it('is image 1 for a generation nobody looked into', () => {
    expect(lookedAtImage(6)).toBe(0);
  });

  it('is the image last shown in the detail view, kept while the four-up grid moves across its tile', async () => {
    await useDetailStore.getState().show(1, 0);
    useDetailStore.getState().stepImage(1);
    useDetailStore.getState().stepImage(1);
    await useDetailStore.getState().show(3, 3);
    useDetailStore.getState().close();
    useDetailStore.getState().select({ id: 1, index: 0 });
    expect([lookedAtImage(1), lookedAtImage(2), lookedAtImage(3)]).toEqual([2, 0, 3]);
  });

  it('is the single image made current in the single-image layout', () => {
    useGalleryStore.setState({ layout: 'images' });
    useDetailStore.getState().select({ id: 4, index: 1 });
    useDetailStore.getState().select({ id: 5, index: 2 });
    expect([lookedAtImage(4), lookedAtImage(5)]).toEqual([1, 2]);
  });
});
