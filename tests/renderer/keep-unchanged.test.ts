/**
 * A new first page keeps the objects of the generations already shown and unchanged, and the shown
 * list itself when nothing changed: memoized tiles are not drawn again for a page equal to the one shown.
 */
import { describe, expect, it } from 'vitest';
import { keepUnchanged } from '../../renderer/src/lib/keep-unchanged.ts';
import { generation } from './fake-atelier.ts';

describe('keepUnchanged', () => {
  it('keeps the shown list when the new page holds the same generations, unchanged, in the same order', () => {
    const shown = [generation(3), generation(2), generation(1)];
    expect(keepUnchanged(shown, [generation(3), generation(2), generation(1)])).toBe(shown);
  });

  it('takes a changed generation as it comes and keeps the others as shown', () => {
    const shown = [generation(3), generation(2), generation(1)];
    const fresh = [generation(3), generation(2, { favorite: true }), generation(1)];
    const kept = keepUnchanged(shown, fresh);
    expect(kept).not.toBe(shown);
    expect(kept[0]).toBe(shown[0]);
    expect(kept[1]).toBe(fresh[1]);
    expect(kept[2]).toBe(shown[2]);
  });

  it('a change deep inside a generation (an image rejected) is a change', () => {
    const shown = [generation(1)];
    const fresh = [generation(1)];
    fresh[0] = { ...fresh[0]!, images: fresh[0]!.images.map((image, i) => (i === 2 ? { ...image, rejected: true } : image)) };
    expect(keepUnchanged(shown, fresh)[0]).toBe(fresh[0]);
  });

  it('a new order, a longer or a shorter page is a new list, of the objects already shown where unchanged', () => {
    const shown = [generation(3), generation(2), generation(1)];
    const reordered = keepUnchanged(shown, [generation(1), generation(2), generation(3)]);
    expect(reordered).not.toBe(shown);
    expect(reordered.map((g) => g)).toEqual([shown[2], shown[1], shown[0]]);
    expect(reordered[0]).toBe(shown[2]);
    const shorter = keepUnchanged(shown, [generation(3), generation(2)]);
    expect(shorter).not.toBe(shown);
    expect(shorter[1]).toBe(shown[1]);
    const longer = keepUnchanged(shown, [generation(4), generation(3), generation(2), generation(1)]);
    expect(longer.slice(1)).toEqual(shown);
    expect(longer[1]).toBe(shown[0]);
  });
});
