/**
 * The core's writes are put away on a thread of its own. The write-ahead log goes back into the
 * library file there: the core's commits never copy it back (SQLite's automatic checkpoint did, on
 * the committing thread, at 1,000 pages of log: up to ~40 ms of the core's thread). And the search
 * index's segments are merged there: the core's commits never merge them (FTS5's automatic merge
 * did, up to ~30 ms of CPU at 1M), and the checkpoint thread does so soon after they write.
 */
import { readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY_MS, CORE_CHECKPOINT_PAGES, QUIET_MS, startCheckpoints } from '../../electron/core/library/checkpoints.ts';
import { indexLevels, nextMergePages } from '../../electron/core/library/search-index-levels.ts';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { tempDir } from '../support/temp-dir.ts';
import { addGeneration } from '../support/library.ts';
import { countSearch } from '../../electron/core/library/search.ts';
import type { Library } from '../../electron/core/library/database.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A library in a temp folder, closed and removed after the test. */
function libraryForTest(prefix: string): { db: Library; dataDir: string } {
  const dir = tempDir(prefix);
  cleanups.push(() => dir.remove());
  const db = openLibrary(dir.path);
  cleanups.push(() => closeLibrary(db));
  return { db, dataDir: dir.path };
}

describe('copying the log back into the library file', () => {
  it("never happens in the core's commits, and the checkpoint thread does it soon after they write", async () => {
    const { db, dataDir } = libraryForTest('atelier-checkpoints-');
    const file = libraryPath(dataDir);
    db.exec('CREATE TABLE scratch (body BLOB)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const checkpoints = startCheckpoints(db, file);
    cleanups.push(() => checkpoints.close());
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(CORE_CHECKPOINT_PAGES);
    const before = statSync(file).size;
    // 600 commits of a new page each (and its table's pages): past SQLite's own 1,000-page mark,
    // all on this thread with no turn for the timer between them
    const write = db.prepare('INSERT INTO scratch (body) VALUES (randomblob(3000))');
    for (let i = 0; i < 600; i += 1) write.run();
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(1000 * 4096);
    expect(statSync(file).size).toBe(before);
    await expect.poll(() => statSync(file).size).toBeGreaterThanOrEqual(before + 600 * 3000);
  });

  it("starts the log over on the thread once all is copied, so the core's next commit does not (nor syncs its header)", async () => {
    const { db, dataDir } = libraryForTest('atelier-checkpoints-');
    const file = libraryPath(dataDir);
    db.exec('CREATE TABLE scratch (body BLOB)');
    const checkpoints = startCheckpoints(db, file);
    cleanups.push(() => checkpoints.close());
    /** Times the log has started over: its header's checkpoint sequence (bytes 12-15, SQLite's wal.c). */
    const startsOver = () => readFileSync(`${file}-wal`).readUInt32BE(12);
    const write = db.prepare('INSERT INTO scratch (body) VALUES (randomblob(3000))');
    write.run();
    const before = startsOver();
    await expect.poll(startsOver).toBe(before + 1);
    write.run();
    expect(startsOver()).toBe(before + 1);
  });
});

/** How many segments the search index is made of, from FTS5's structure record. */
const indexSegments = (db: Library): number => indexLevels(db).reduce((sum, level) => sum + level.segments.length, 0);

/** Writes a generation every `everyMs`, `count` times, each its own segment with none merged meanwhile; resolves to the last write's time. */
async function writeSteadily(db: Library, count: number, everyMs: number, prompt: (i: number) => string): Promise<number> {
  const before = indexSegments(db);
  for (let i = 0; i < count; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    addGeneration(db, 2_000 + i, { prompt: prompt(i) });
    expect(indexSegments(db)).toBe(before + 1 + i);
  }
  return Date.now();
}

/** Waits for the thread to merge the index down to a few segments; how long after `since` it took. */
async function mergedAfter(db: Library, since: number): Promise<number> {
  await expect.poll(() => indexSegments(db), { timeout: 10_000 }).toBeLessThan(4);
  return Date.now() - since;
}

describe('merging the search index', () => {
  it("never happens in the core's commits, and the checkpoint thread does it soon after they write", async () => {
    const { db, dataDir } = libraryForTest('atelier-index-merges-');
    // 14 inserts, each its own commit and so its own segment. Long prompts of words seen nowhere else
    // write ~4 index pages each: FTS5's own merge, which works once per 64 pages written, would have
    // left 2 segments, merged on this thread. (At 64 in a level FTS5 merges them anyway, a safety net: migration 22.)
    const words = (i: number) => Array.from({ length: 500 }, (_, w) => `w${i}x${w}abcdefgh`).join(' ');
    for (let i = 0; i < 14; i += 1) addGeneration(db, 1_000 + i, { prompt: `lighthouse keeper number ${i} ${words(i)}` });
    expect(indexSegments(db)).toBe(14);
    const checkpoints = startCheckpoints(db, libraryPath(dataDir));
    cleanups.push(() => checkpoints.close());
    addGeneration(db, 2_000, { prompt: 'one more lighthouse' });
    expect(indexSegments(db)).toBe(15);
    await expect.poll(() => indexSegments(db), { timeout: 10_000 }).toBeLessThan(4);
    expect(countSearch(db, { text: 'lighthouse' })).toBe(15);
    expect(countSearch(db, { text: 'number 7' })).toBe(1);
  });

  it("leaves the core's burst of commits unmerged until it stops, and FTS5 merges none of it in them", async () => {
    const { db, dataDir } = libraryForTest('atelier-index-bursts-');
    // 20 commits: FTS5's crisis merge used to merge a level inside the 16th (migration 22 moves its mark to 64)
    for (let i = 0; i < 20; i += 1) addGeneration(db, 1_000 + i, { prompt: `quay ${i}` });
    expect(indexSegments(db)).toBe(20);
    const checkpoints = startCheckpoints(db, libraryPath(dataDir));
    cleanups.push(() => checkpoints.close());
    // a write every 100 ms, more often than the thread looks: every look finds new writes, so no step runs
    const lastWrite = await writeSteadily(db, 12, 100, (i) => `quay again ${i}`);
    expect(await mergedAfter(db, lastWrite)).toBeGreaterThanOrEqual(CHECKPOINT_EVERY_MS);
    expect(countSearch(db, { text: 'quay' })).toBe(32);
  });

  it('puts a step over big segments off until the core has not written for a while', async () => {
    const { db, dataDir } = libraryForTest('atelier-index-big-merges-');
    const words = (i: number) => Array.from({ length: 500 }, (_, w) => `w${i}x${w}abcdefgh`).join(' ');
    for (let i = 0; i < 6; i += 1) addGeneration(db, 1_000 + i, { prompt: `harbour ${i} ${words(i)}` });
    expect(nextMergePages(indexLevels(db))).toBeGreaterThan(6);
    // every step counts as big here: none may run while the core keeps writing
    const checkpoints = startCheckpoints(db, libraryPath(dataDir), { bigMergePages: 1 });
    cleanups.push(() => checkpoints.close());
    const lastWrite = await writeSteadily(db, 8, 150, (i) => `harbour again ${i}`);
    expect(await mergedAfter(db, lastWrite)).toBeGreaterThanOrEqual(QUIET_MS);
    expect(countSearch(db, { text: 'harbour' })).toBe(14);
  });
});

describe("the search index's levels", () => {
  const level = (segments: number[], merging = 0) => ({ merging, segments });

  it("reads the library's own structure record", () => {
    const { db } = libraryForTest('atelier-index-levels-');
    expect(indexLevels(db)).toEqual([]);
    for (let i = 0; i < 5; i += 1) addGeneration(db, 1_000 + i, { prompt: `a lighthouse ${i}` });
    const levels = indexLevels(db);
    expect(levels[0]?.segments).toHaveLength(5);
    expect(levels[0]?.segments.every((pages) => pages >= 1)).toBe(true);
    expect(nextMergePages(levels)).toBe(levels[0]?.segments.reduce((a, b) => a + b, 0));
  });

  it("names the pages FTS5's next merge step reads", () => {
    // fewer than four segments in every level: nothing to merge
    expect(nextMergePages([level([1, 1, 1]), level([50, 50, 50])])).toBe(0);
    // the level with the most segments, four or more
    expect(nextMergePages([level([1, 1, 1, 1]), level([50, 50, 50, 50, 50])])).toBe(250);
    // a merge under way goes on, reading only its first segments
    expect(nextMergePages([level([1, 1]), level([900, 900, 900, 900, 9], 4)])).toBe(3600);
    // unless a lower level holds more segments than that merge reads
    expect(nextMergePages([level([1, 1, 1, 1, 1]), level([900, 900, 900, 900, 9], 4)])).toBe(5);
  });
});
