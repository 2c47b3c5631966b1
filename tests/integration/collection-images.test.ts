/**
 * `in:"Collection"` is about images, as `is:fav` and `rating:` are: a collection holds single images
 * (a bit per image), so beside other image terms the same image must be in the collection and hold
 * them, and `-in:` finds the generations with an image outside it.
 */
import { describe, expect, it } from 'vitest';
import type { Library } from '../../electron/core/library/database.ts';
import { addToCollection, createCollection } from '../../electron/core/library/collections.ts';
import { curateImages } from '../../electron/core/library/curation.ts';
import { createImages } from '../../electron/core/library/images.ts';
import { countSearch, searchGenerations } from '../../electron/core/library/search.ts';
import { addGeneration } from '../support/library.ts';
import { libraryPerTest } from '../support/library-per-test.ts';

let db: Library;
libraryPerTest((library) => ({ db } = library));

const found = (text: string) => searchGenerations(db, { text }).items.map((g) => g.id);
const fourImages = (id: number) => createImages(db, id, [0, 1, 2, 3].map((i) => ({ remoteUrl: `https://cdn.example.com/${id}/${i}.png` })));

describe('in: at image level', () => {
  it('holds for the same image as the other image terms, and -in: finds images outside', () => {
    const one = addGeneration(db, 1000, { prompt: 'lighthouse at dusk' });
    const whole = addGeneration(db, 2000, { prompt: 'lighthouse in fog' });
    const outside = addGeneration(db, 3000, { prompt: 'lighthouse at noon' });
    for (const g of [one, whole, outside]) fourImages(g.id);
    const board = createCollection(db, 'Moodboard');
    // image 2 of `one` is filed, image 0 is the favourite; `whole` is filed with its four images
    addToCollection(db, board.id, [{ generationId: one.id, index: 2 }], [whole.id]);
    curateImages(db, { images: [{ generationId: one.id, index: 0 }] }, { favorite: true }, 5);
    curateImages(db, { images: [{ generationId: one.id, index: 2 }] }, { rating: 4 }, 5);
    curateImages(db, { images: [{ generationId: whole.id, index: 1 }] }, { favorite: true }, 5);
    curateImages(db, { images: [{ generationId: outside.id, index: 3 }] }, { favorite: true }, 5);

    expect(found('in:Moodboard')).toEqual([whole.id, one.id]);
    // `one`'s favourite is not its filed image
    expect(found('in:Moodboard is:fav')).toEqual([whole.id]);
    expect(found('in:Moodboard rating:4')).toEqual([one.id]);
    expect(found('in:Moodboard -is:fav lighthouse')).toEqual([whole.id, one.id]);
    expect(found('in:Moodboard -rating:4 dusk')).toEqual([]);
    // `whole` has no image outside the collection; `one` has three
    expect(found('-in:Moodboard')).toEqual([outside.id, one.id]);
    expect(found('-in:Moodboard is:fav')).toEqual([outside.id, one.id]);
    expect(found('in:Moodboard OR is:fav')).toEqual([outside.id, whole.id, one.id]);
    expect(countSearch(db, { text: 'in:Moodboard is:fav' })).toBe(1);
    expect(countSearch(db, { text: '-in:Moodboard' })).toBe(2);

    // a deleted image leaves the collection's search with it
    curateImages(db, { images: [{ generationId: one.id, index: 2 }] }, { deleted: true }, 6);
    expect(found('in:Moodboard rating:4')).toEqual([]);
  });
});
