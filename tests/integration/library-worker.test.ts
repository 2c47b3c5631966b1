import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { libraryPath } from '../../electron/core/library/database.ts';
import { countMatches, parseSearch, searchGenerations } from '../../electron/core/library/search.ts';
import { LibraryWorker } from '../../electron/core/library/worker.ts';
import { upkeepThread } from '../../electron/core/library/threads.ts';
import { backupsDir } from '../../electron/core/library/backup.ts';
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

  it.runIf(process.platform === 'linux')('a background reader yields the cores to the window: its thread alone runs below normal priority', async () => {
    const yielding = () => threadNiceValues().filter((nice) => nice === 10).length;
    const before = yielding();
    await worker.run('ready', undefined);
    expect(yielding()).toBe(before);
    const totals = new LibraryWorker(libraryPath(library.dataDir), { name: 'gallery-totals', background: true });
    try {
      expect(await totals.run('count', parseSearch({}))).toMatchObject({ total: 0 });
      expect(yielding()).toBe(before + 1);
      // the thread that asked (as the core's) keeps its own
      expect(os.getPriority(0)).toBe(0);
    } finally {
      await totals.close();
    }
  });

  it.runIf(process.platform === 'linux')('backs up and checks the library on a reader that yields the cores; every other upkeep job writes at normal priority', async () => {
    expect(upkeepThread('fillSearchIndex')).toEqual({ name: 'upkeep', writable: true });
    expect(upkeepThread('restore')).toEqual({ name: 'upkeep', writable: true });
    addGeneration(library.db, Date.UTC(2026, 0, 1), { prompt: 'a lighthouse in fog' });
    const yielding = () => threadNiceValues().filter((nice) => nice === 10).length;
    const before = yielding();
    for (const kind of ['check', 'backup'] as const) {
      const reader = new LibraryWorker(libraryPath(library.dataDir), upkeepThread(kind));
      try {
        if (kind === 'check') expect(await reader.run('check', undefined)).toEqual([]);
        else expect((await reader.run('backup', { dataDir: library.dataDir, now: Date.UTC(2026, 0, 2) })).created).toMatch(/library-2026-01-02\.sqlite$/);
        expect(yielding()).toBe(before + 1);
      } finally {
        await reader.close();
      }
    }
    const copy = new Database(join(backupsDir(library.dataDir), 'library-2026-01-02.sqlite'), { readonly: true });
    try {
      expect(copy.prepare('SELECT prompt FROM generations').pluck().all()).toEqual(['a lighthouse in fog']);
    } finally {
      copy.close();
    }
  });

  it('never lets a writer yield its cores: the core may be waiting on its lock', () => {
    expect(() => new LibraryWorker(libraryPath(library.dataDir), { name: 'upkeep', writable: true, background: true })).toThrow(/writer/);
  });
});

/** The nice value of each of this process's threads (Linux: field 19 of /proc/self/task/N/stat). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').flatMap((task) => {
    try {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      // the fields after the command's name in brackets, from field 3 (state) on
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // a thread that ended meanwhile
    }
  });
}
