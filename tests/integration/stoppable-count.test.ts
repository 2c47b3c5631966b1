/**
 * The gallery's total stops part way once it is no longer wanted (library/stoppable.ts): its SQL asks
 * at every 1024th row it visits. Checked on a real library file: a count nobody stopped is the plain
 * count, for every kind of search the gallery sends; one stopped while it reads throws `conflict` at
 * the next row it asks at, long before its last row.
 */
import { describe, expect, it } from 'vitest';
import type { Library } from '../../electron/core/library/database.ts';
import { searchCount } from '../../electron/core/library/search-engine.ts';
import { parseSearch } from '../../electron/core/library/search.ts';
import { defineStillWanted, StopCount } from '../../electron/core/library/stoppable.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { buildSyntheticLibrary } from '../../scripts/lib/synthetic-library.ts';
import { libraryPerTest } from '../support/library-per-test.ts';

let db: Library;
libraryPerTest((library) => ({ db } = library));
const GENERATIONS = 3000;

/** The gallery's searches: what it always sends, with the kinds of text and filters it carries. */
const kinds: LibrarySearchInput[] = [
  { text: '-portrait' },
  { text: 'castle' },
  { text: 'castle OR fox', stacked: true },
  { text: 'por*', hideRejected: true, stacked: true },
  { text: '', models: ['midjourney-v7'], stacked: true },
  { text: 'is:favorite' },
];
const searches = kinds.map((search): LibrarySearchInput => ({ statuses: ['done'], ...search }));

describe('a stoppable count', () => {
  it('counts as the plain count while nobody stops it', () => {
    buildSyntheticLibrary(db, GENERATIONS, Date.UTC(2025, 0, 1));
    const stops = new StopCount();
    defineStillWanted(db, stops, () => 0);
    for (const input of searches) {
      const search = parseSearch(input);
      expect(searchCount(db, search, { stoppable: true }), input.text).toEqual(searchCount(db, search));
    }
  });

  it('throws conflict at the first row it asks at once stopped, part way through the rows', () => {
    buildSyntheticLibrary(db, GENERATIONS, Date.UTC(2025, 0, 1));
    const stops = new StopCount();
    let asks = 0;
    defineStillWanted(db, stops, () => {
      asks += 1;
      // the core stops it while it reads, between its first ask and its second
      if (asks === 1) stops.raise();
      return 0;
    });
    // an exclusion visits every generation: it would ask at ids 1024 and 2048
    expect(() => searchCount(db, parseSearch({ text: '-portrait', statuses: ['done'] }), { stoppable: true })).toThrow(
      expect.objectContaining({ code: 'conflict', message: 'A newer search replaced this count.' }),
    );
    expect(asks).toBe(2);
  });
});
