/**
 * The write-ahead log goes back into the library file on a thread of its own: the core's commits
 * never copy it back (SQLite's automatic checkpoint did, on the committing thread, at 1,000 pages of
 * log: up to ~40 ms of the core's thread), and the checkpoint thread does so soon after they write.
 */
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CORE_CHECKPOINT_PAGES, startCheckpoints } from '../../electron/core/library/checkpoints.ts';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { tempDir } from '../support/temp-dir.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('copying the log back into the library file', () => {
  it("never happens in the core's commits, and the checkpoint thread does it soon after they write", async () => {
    const dir = tempDir('atelier-checkpoints-');
    cleanups.push(() => dir.remove());
    const db = openLibrary(dir.path);
    cleanups.push(() => closeLibrary(db));
    const file = libraryPath(dir.path);
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
});
