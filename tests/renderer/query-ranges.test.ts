import { describe, expect, it } from 'vitest';
import { emptyMoreFilters, moreFilters, withMoreFilters, type MoreFilters } from '../../renderer/src/lib/query-ranges.ts';
import { chipState } from '../../renderer/src/lib/query-chips.ts';

const filled = (change: Partial<MoreFilters>): MoreFilters => ({ ...structuredClone(emptyMoreFilters), ...change });
const written = (text: string, after: MoreFilters) => {
  const result = withMoreFilters(text, moreFilters(text), after);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.text;
};

describe('"More filters" ↔ the search text', () => {
  it('shows the number terms typed at the top level, aliases and comparisons included', () => {
    const shown = moreFilters('harbor s:>500 chaos:10..40 weird:<=200 q:0.5 seed:1234 rating:>=4');
    expect(shown).toEqual({
      seed: '1234',
      stylize: { min: '501', max: '' },
      chaos: { min: '10', max: '40' },
      weird: { min: '', max: '200' },
      quality: { min: '0.5', max: '0.5' },
      rating: { min: '4', max: '' },
    });
    expect(moreFilters('seed:100..200').seed).toBe('100..200');
    // a term inside an OR is not the field's filter: the boxes stay empty
    expect(moreFilters('stylize:>500 OR chaos:20')).toEqual(emptyMoreFilters);
  });

  it('writes each changed field as one term and keeps everything else as typed', () => {
    expect(written('harbor -fog', filled({ stylize: { min: '100', max: '500' } }))).toBe('harbor -fog stylize:100..500');
    expect(written('harbor', filled({ chaos: { min: '20', max: '' } }))).toBe('harbor chaos:>=20');
    expect(written('harbor', filled({ weird: { min: '', max: '250' } }))).toBe('harbor weird:<=250');
    expect(written('harbor', filled({ quality: { min: '1', max: '1' } }))).toBe('harbor q:1');
    expect(written('', filled({ seed: '42' }))).toBe('seed:42');
    expect(written('castle OR tower', filled({ seed: '10..20' }))).toBe('(castle OR tower) seed:10..20');
  });

  it('rewrites a typed term in place, and emptying both boxes takes it out', () => {
    const text = 'harbor s:>500 ar:16:9';
    const boxes = moreFilters(text);
    expect(written(text, { ...boxes, stylize: { min: '200', max: '' } })).toBe('harbor stylize:>=200 ar:16:9');
    expect(written(text, { ...boxes, stylize: { min: '', max: '' } })).toBe('harbor ar:16:9');
    // an untouched field keeps its exact form (> stays >), and the chips still read the text
    expect(written(text, { ...boxes, seed: '7' })).toBe('harbor s:>500 ar:16:9 seed:7');
    expect(chipState(written(text, { ...boxes, seed: '7' })).aspectRatios).toEqual(['16:9']);
  });

  it('the rating boxes and the rating chips are one term', () => {
    const text = written('harbor', filled({ rating: { min: '3', max: '' } }));
    expect(text).toBe('harbor rating:>=3');
    expect(chipState(text).rating).toBe(3);
  });

  it('explains a bad box inline, by field, and writes nothing', () => {
    const result = withMoreFilters('harbor', emptyMoreFilters, filled({
      seed: 'abc',
      stylize: { min: '900', max: '100' },
      chaos: { min: '101', max: '' },
      weird: { min: '1.5', max: '' },
      quality: { min: '', max: 'x' },
    }));
    expect(result).toEqual({
      ok: false,
      problems: {
        seed: expect.stringContaining('Seed filter: type one seed (1234) or a range (100..200)'),
        stylize: 'Stylize min is above Stylize max: write the lower number first.',
        chaos: 'Chaos min: type a whole number from 0 to 100.',
        weird: 'Weird min: type a whole number from 0 to 3000.',
        quality: 'Quality max: type a number from 0 to 1.',
      },
    });
    expect(withMoreFilters('harbor', emptyMoreFilters, filled({ seed: '1 2' }))).toMatchObject({ ok: false, problems: { seed: expect.any(String) } });
  });
});
