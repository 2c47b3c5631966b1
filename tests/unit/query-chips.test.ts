import { describe, expect, it } from 'vitest';
import { chipState, withChip } from '../../renderer/src/lib/query-chips.ts';
import { hasFilterTerms, withoutFilters } from '../../renderer/src/lib/query-filters.ts';
import { moreFilters, emptyMoreFilters } from '../../renderer/src/lib/query-ranges.ts';

describe('chips and the search text are one query', () => {
  it('reads the chips from typed text', () => {
    expect(chipState('castle is:fav (ar:16:9 OR ar:1:1) model:niji last:7d')).toEqual({
      favorite: true,
      simulated: false,
      models: ['midjourney-v7-niji'],
      aspectRatios: ['16:9', '1:1'],
      date: 'week',
      rating: null,
      failed: false,
    });
    // only top-level terms press a chip: inside an OR or a NOT they mean something else
    expect(chipState('castle OR is:fav')).toEqual({ favorite: false, simulated: false, models: [], aspectRatios: [], date: null, rating: null, failed: false });
    expect(chipState('harbour is:simulated').simulated).toBe(true);
    expect(chipState('-ar:16:9 (ar:1:1 OR castle)').aspectRatios).toEqual([]);
    expect(chipState('(castle').favorite).toBe(false);
  });

  it('writes a chip as a term, replacing its old term and keeping the rest as typed', () => {
    expect(withChip('', 'favorite', true)).toBe('is:fav');
    expect(withChip('castle "red fox"', 'aspectRatios', ['16:9'])).toBe('castle "red fox" ar:16:9');
    expect(withChip('castle ar:16:9 fog', 'aspectRatios', ['16:9', '1:1'])).toBe('castle (ar:16:9 OR ar:1:1) fog');
    expect(withChip('castle (ar:16:9 OR ar:1:1) fog', 'aspectRatios', ['1:1'])).toBe('castle ar:1:1 fog');
    expect(withChip('castle ar:1:1', 'aspectRatios', [])).toBe('castle');
    expect(withChip('castle model:v8', 'models', ['midjourney-v8', 'midjourney-v7'])).toBe('castle (model:v8 OR model:v7)');
    expect(withChip('castle date:today', 'date', 'month')).toBe('castle last:30d');
    expect(withChip('castle is:fav', 'favorite', false)).toBe('castle');
    expect(withChip('castle', 'simulated', true)).toBe('castle is:simulated');
    expect(withChip('castle is:simulated', 'simulated', false)).toBe('castle');
    // a new term joins the whole OR, not its last branch
    expect(withChip('castle OR tower', 'favorite', true)).toBe('(castle OR tower) is:fav');
  });

  it('reads and writes one rating chip and the Failed chip', () => {
    expect(chipState('castle rating:>=3').rating).toBe(3);
    expect(chipState('rating:5').rating).toBe(5);
    expect(chipState('rating:>=5').rating).toBe(5);
    expect(chipState('stars:2..5').rating).toBe(2);
    // these are not what a chip writes: no chip pressed
    expect(chipState('rating:<=3').rating).toBeNull();
    expect(chipState('rating:2..3').rating).toBeNull();
    expect(chipState('rating:3').rating).toBeNull();
    expect(chipState('rating:>3').rating).toBeNull();
    expect(chipState('-rating:>=3').rating).toBeNull();
    expect(withChip('castle', 'rating', 4)).toBe('castle rating:>=4');
    expect(withChip('castle rating:>=4 fog', 'rating', 2)).toBe('castle rating:>=2 fog');
    expect(withChip('castle rating:>=4', 'rating', 5)).toBe('castle rating:5');
    expect(withChip('rating:5 castle', 'rating', null)).toBe('castle');
    for (const n of [1, 2, 3, 4, 5] as const) expect(chipState(withChip('castle', 'rating', n)).rating).toBe(n);

    expect(chipState('lighthouse status:failed').failed).toBe(true);
    expect(chipState('status:done').failed).toBe(false);
    expect(chipState('status:failed OR castle').failed).toBe(false);
    expect(withChip('lighthouse', 'failed', true)).toBe('lighthouse status:failed');
    expect(withChip('lighthouse status:failed', 'failed', false)).toBe('lighthouse');
  });

  it('clears the chips and keeps the words', () => {
    expect(withoutFilters('is:fav castle  ar:16:9 -fog last:7d')).toBe('castle -fog');
    expect(withoutFilters('rating:>=2 castle status:failed')).toBe('castle');
  });

  it('"Clear filters" also clears what the More filters dialog set, repeated terms included, and keeps other terms', () => {
    const text = 'castle seed:100..200 stylize:>=500 is:fav chaos:<=20 weird:5 q:0.5 rating:2..3 tag:sea stylize:<=900 -fog';
    expect(hasFilterTerms(text)).toBe(true);
    const cleared = withoutFilters(text);
    expect(cleared).toBe('castle tag:sea -fog');
    expect(hasFilterTerms(cleared)).toBe(false);
    expect(chipState(cleared)).toEqual(chipState(''));
    expect(moreFilters(cleared)).toEqual(emptyMoreFilters);
    // only the dialog's terms: the button must still be offered
    expect(hasFilterTerms('seed:42')).toBe(true);
    expect(hasFilterTerms('castle tag:sea in:"Keepers"')).toBe(false);
    // terms inside an OR or a NOT are the artist's own logic, not a chip's: they stay
    expect(withoutFilters('(castle OR seed:4) -stylize:>100 is:fav')).toBe('(castle OR seed:4) -stylize:>100');
  });
});
