import { describe, expect, it } from 'vitest';
import { feedLayout } from '../../renderer/src/lib/feed-layout.ts';

describe('the feed layout: a box depends only on the tiles before it', () => {
  it('adding a tile at the end leaves every box before it as it was', () => {
    const ratios = [1, 16 / 9, 9 / 16, 4 / 3, 1, 2 / 3, 21 / 9];
    for (let n = 1; n < ratios.length; n++) {
      const before = feedLayout(ratios.slice(0, n), 1000, 300, 10).places;
      const after = feedLayout(ratios.slice(0, n + 1), 1000, 300, 10).places;
      expect(after.slice(0, n)).toEqual(before);
    }
  });

  it('tiles keep their images’ shape and wrap to a new row; the height covers every row', () => {
    const { places, height } = feedLayout([1, 16 / 9, 1], 900, 300, 10);
    expect(places).toEqual([
      { left: 0, top: 0, width: 300, height: 300 },
      { left: 310, top: 0, width: 300 * (16 / 9), height: 300 },
      { left: 0, top: 310, width: 300, height: 300 },
    ]);
    expect(height).toBe(610);
  });

  it('a tile wider than the row takes the row at its own shape; nothing at all is 0 high', () => {
    expect(feedLayout([3], 600, 300, 10).places).toEqual([{ left: 0, top: 0, width: 600, height: 200 }]);
    expect(feedLayout([], 600, 300, 10)).toEqual({ places: [], height: 0 });
  });
});
