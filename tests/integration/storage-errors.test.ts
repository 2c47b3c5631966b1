import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../../shared/contract.ts';
import type { Generation } from '../../shared/generation.ts';
import { Failure } from '../../electron/core/failure.ts';
import { backupLibrary, backupsDir } from '../../electron/core/library/backup.ts';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { storageProblemOf } from '../../electron/core/storage-errors.ts';
import { smallDisk, type SmallDisk } from '../support/small-disk.ts';
import { call, startTestCore } from '../support/test-core.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const disk = smallDisk();
if (typeof disk === 'string') console.warn(`[storage-errors.test] skipping the real-disk tests: ${disk}`);
const withDisk = typeof disk === 'string' ? it.skip : it;
const realDisk = () => disk as SmallDisk;

/** Every file under the library folder whose name marks an unfinished write. */
function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.tmp|\.partial/.test(name));
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const prompt = (text: string) => ({ params: { model: 'midjourney-v7', prompt: text } });

describe('storage errors tell the truth', () => {
  afterEach(() => {
    if (typeof disk !== 'string') disk.free();
  });
  afterAll(() => {
    if (typeof disk !== 'string') disk.remove();
  });

  withDisk('a full disk says the disk is full and what was not saved; nothing is lost or left half-written', async () => {
    const dataDir = path.join(realDisk().path, 'full');
    // runs that never finish: nothing in the background competes for the last bytes
    const core = await startTestCore(dataDir, { sandbox: { waitingMs: 600_000, generatingMs: 600_000 } });
    cleanups.push(() => core.close());
    const kept = await call<Generation>(core, 'generation:create', prompt('made before the disk filled up'));

    realDisk().fill();
    const full = (notDone: string) => ({
      ok: false,
      error: { code: 'disk_full', message: `${notDone}: the disk is full. Free some space on the disk that holds the library (${dataDir}), then try again.` },
    });
    expect(await core.dispatch('settings:update', { apiKey: 'kv-never-stored-0123456789' })).toMatchObject(full('The API key was not saved'));
    expect(await core.dispatch('settings:update', { concurrency: 2 })).toMatchObject(full('The settings were not saved'));
    expect(await core.dispatch('generation:create', prompt('no room for this one'))).toMatchObject(full('The new generation was not saved'));
    expect(leftovers(dataDir)).toEqual([]);
    expect(await call<SettingsView>(core, 'settings:get')).toMatchObject({ hasApiKey: false, concurrency: 3 });

    realDisk().free();
    expect(await call<SettingsView>(core, 'settings:update', { apiKey: 'kv-stored-now-0123456789' })).toMatchObject({ hasApiKey: true });
    expect(await call<Generation>(core, 'generation:get', { id: kept.id })).toMatchObject({ id: kept.id, params: { prompt: 'made before the disk filled up' } });
  });

  withDisk("a backup that does not fit says so and leaves no partial copy behind", async () => {
    const dataDir = path.join(realDisk().path, 'backup');
    const db = openLibrary(dataDir);
    cleanups.push(() => closeLibrary(db));
    realDisk().fill();
    const failure = await backupLibrary(db, dataDir).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Failure);
    expect(failure).toMatchObject({ code: 'disk_full', message: expect.stringMatching(/^Today's backup was not made: the disk is full\./) });
    expect(readdirSync(backupsDir(dataDir))).toEqual([]);
  });

  withDisk('a read-only library folder is reported as read-only, not as a damaged library, and is left as it was', async () => {
    const dataDir = path.join(realDisk().path, 'read-only');
    const core = await startTestCore(dataDir);
    await call(core, 'generation:create', prompt('kept safe'));
    await core.close();
    const before = sha(libraryPath(dataDir));

    realDisk().readOnly();
    cleanups.push(() => realDisk().writable());
    const failure = await startTestCore(dataDir).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Failure);
    expect(failure).toMatchObject({
      code: 'library_not_writable',
      message: `Atelier cannot open its library: the library folder is read-only (${dataDir}). Make it writable, or move the library to a disk Atelier can write to.`,
    });
    expect(sha(libraryPath(dataDir))).toBe(before);
    // opening the database directly (no lock to take first) meets the same truth
    expect(() => openLibrary(dataDir)).toThrow(/the library folder is read-only/);
  });
});

describe('the storage problem behind an error code', () => {
  // Root ignores permissions, so EACCES cannot be produced for real in this suite: the codes are mapped here.
  it.each([
    ['SQLITE_FULL', 'disk_full'],
    ['ENOSPC', 'disk_full'],
    ['EDQUOT', 'disk_full'],
    ['SQLITE_READONLY', 'read_only'],
    ['SQLITE_READONLY_DBMOVED', 'read_only'],
    ['EROFS', 'read_only'],
    ['EACCES', 'no_permission'],
    ['EPERM', 'no_permission'],
    ['SQLITE_PERM', 'no_permission'],
    ['SQLITE_CORRUPT', 'damaged'],
    ['SQLITE_CORRUPT_INDEX', 'damaged'],
    ['SQLITE_NOTADB', 'damaged'],
    ['SQLITE_CONSTRAINT_UNIQUE', undefined],
    ['ECONNRESET', undefined],
  ])('%s → %s', (code, problem) => {
    expect(storageProblemOf(Object.assign(new Error('x'), { code }))).toBe(problem);
  });

  it('asks the folder about vague codes (cannot open, I/O error) instead of guessing "damaged"', () => {
    const error = Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });
    expect(storageProblemOf(error, path.join(import.meta.dirname, 'no-such-folder', 'deeper'))).toBeUndefined();
    expect(storageProblemOf(error)).toBeUndefined();
  });
});
