import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { libraryPath } from '../../electron/core/library/database.ts';
import { countMatches, parseSearch, searchGenerations } from '../../electron/core/library/search.ts';
import { LibraryWorker } from '../../electron/core/library/worker.ts';
import { Failure } from '../../electron/core/failure.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { addGeneration, tempLibrary } from '../support/library.ts';

let library: ReturnType<typeof tempLibrary>;
let worker: LibraryWorker;
beforeEach(() => {
  library = tempLibrary();
  worker = new LibraryWorker(libraryPath(library.dataDir), { name: 'test' });
});
afterEach(async () => {
  await worker.close();
  library.close();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the job to fail');
}

describe('a library worker thread', () => {
  it('answers searches and counts on its own connection exactly as the core\'s connection would', async () => {
    for (let i = 0; i < 30; i += 1) addGeneration(library.db, 1000 + i, { prompt: i % 3 === 0 ? `neon harbor ${i}` : `quiet meadow ${i}` });
    const searches: LibrarySearchInput[] = [{}, { text: 'neon' }, { text: 'meadow', sort: 'oldest', limit: 4 }, { text: '-neon', limit: 7 }];
    for (const search of searches) {
      // the core parses a search before a thread runs it (threads.ts)
      expect(await worker.run('search', parseSearch(search))).toEqual(searchGenerations(library.db, search));
      expect(await worker.run('count', parseSearch(search))).toEqual(countMatches(library.db, search));
    }
    // a write the core commits is seen by the next job
    addGeneration(library.db, 5000, { prompt: 'neon lighthouse' });
    expect((await worker.run('search', parseSearch({ text: 'lighthouse' }))).items.map((g) => g.effective.prompt)).toEqual(['neon lighthouse']);
  });

  it('passes a job\'s failure back in the artist\'s words', async () => {
    const error = await rejection(worker.run('search', parseSearch({ cursor: 'not-a-cursor' })));
    expect(error).toBeInstanceOf(Failure);
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/out of date/) });
  });

  it('cannot write to the library through a reader', async () => {
    // as if the library came from before the running totals: counting them means writing
    library.db.prepare('DELETE FROM library_totals_counted').run();
    const error = await rejection(worker.run('completeTotals', { now: 1 }));
    expect(String(error)).toMatch(/readonly/i);
  });

  it('fails every job in words when its thread cannot start, and tries again on the next job', async () => {
    const lost = new LibraryWorker(libraryPath(`${library.dataDir}-missing`), { name: 'lost' });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await rejection(lost.run('count', parseSearch({})));
      expect(error).toBeInstanceOf(Failure);
      expect(error).toMatchObject({ code: 'library_error', message: expect.stringMatching(/could not read its library/) });
    }
    await lost.close();
  });
});
