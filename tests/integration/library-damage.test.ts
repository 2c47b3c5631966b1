import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo, LibraryDamage } from '../../shared/contract.ts';
import type { Generation } from '../../shared/generation.ts';
import { backupLibrary } from '../../electron/core/library/backup.ts';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { damageUnderneath } from '../support/damage.ts';
import { addGeneration } from '../support/library.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A library with a few hundred finished generations and a verified backup of it. */
async function libraryWithBackup(): Promise<{ dataDir: string; backup: string }> {
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  const db = openLibrary(dir.path);
  db.transaction(() => {
    for (let i = 0; i < 400; i += 1) addGeneration(db, 1_000 + i, { prompt: `a lighthouse in the fog, study ${i} `.repeat(4) });
    // finished long ago: the queue has nothing of its own to do
    db.prepare("UPDATE generations SET status = 'cancelled'").run();
  })();
  const { created } = await backupLibrary(db, dir.path);
  closeLibrary(db);
  return { dataDir: dir.path, backup: created ?? '' };
}

describe('damage found while the library is open', () => {
  it('stops every write into the damaged file and points at the latest verified backup', async () => {
    const { dataDir, backup } = await libraryWithBackup();
    const core = await startTestCore(dataDir);
    cleanups.push(() => core.close());
    const events = recordEvents(core);
    expect((await call<AppInfo>(core, 'app:info')).libraryDamage).toBeNull();

    damageUnderneath(dataDir, 'gallery index');
    const read = await core.dispatch('library:search', {});
    expect(read).toMatchObject({ ok: false, error: { code: 'library_damaged' } });
    const advice = `To go on, quit Atelier, move library.sqlite (and any library.sqlite-wal and library.sqlite-shm) out of the library folder, and put a copy of the latest verified backup, ${backup}, in its place named library.sqlite.`;
    expect(!read.ok && read.error.message).toBe(
      `Atelier could not read the library: the library file is damaged (${libraryPath(dataDir)}), so Atelier does not write to it any more. ${advice}`,
    );

    const damage = await events.until('library:damaged', () => true);
    expect(damage).toEqual<LibraryDamage>({ message: `The library file is damaged, so Atelier has stopped writing to it. ${advice}`, backup });
    expect((await call<AppInfo>(core, 'app:info')).libraryDamage).toEqual(damage);

    // Writes are refused with the same truth, even one that never touches the damaged pages, and
    // the files on disk stay exactly as they were.
    const file = libraryPath(dataDir);
    const before = [sha(file), sha(`${file}-wal`)];
    expect(await core.dispatch('library:delete', { ids: [1] })).toMatchObject({
      ok: false,
      error: { code: 'library_damaged', message: expect.stringMatching(/^Nothing was moved to the trash: the library file is damaged/) },
    });
    const created = await core.dispatch('generation:create', { params: { model: 'midjourney-v7', prompt: 'not into a damaged file' } });
    expect(created).toMatchObject({ ok: false, error: { code: 'library_damaged', message: expect.stringMatching(/^The new generation was not saved: the library file is damaged/) } });
    expect([sha(file), sha(`${file}-wal`)]).toEqual(before);
    expect(events.seen.filter((e) => e.event === 'generation:updated')).toEqual([]);
    expect(events.seen.filter((e) => e.event === 'library:damaged')).toHaveLength(1);
  });

  it('the verified backup it points at opens, with the generations it held', async () => {
    const { dataDir, backup } = await libraryWithBackup();
    const core = await startTestCore(dataDir);
    cleanups.push(() => core.close());
    damageUnderneath(dataDir, 'every page');
    await core.dispatch('library:search', {});
    const damage = (await call<AppInfo>(core, 'app:info')).libraryDamage;
    expect(damage?.backup).toBe(backup);

    const restored = tempDir();
    cleanups.push(() => restored.remove());
    writeFileSync(libraryPath(restored.path), readFileSync(backup));
    const db = openLibrary(restored.path);
    expect((db.prepare('SELECT count(*) AS n FROM generations').get() as { n: number }).n).toBe(400);
    closeLibrary(db);
  });

  it('the queue stops: nothing more is sent to the API, whose outcome could not be saved', async () => {
    const { dataDir } = await libraryWithBackup();
    const core = await startTestCore(dataDir, { sandbox: { waitingMs: 600_000, generatingMs: 600_000 } });
    cleanups.push(() => core.close());
    const events = recordEvents(core);
    await call(core, 'settings:update', { concurrency: 1 });
    const running = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'on its way' } });
    const waiting = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'waiting for a free slot' } });
    await events.reach(running.id, 'waiting');

    damageUnderneath(dataDir, 'gallery index');
    await core.dispatch('library:search', {});
    await events.until('library:damaged', () => true);
    // a free slot would submit the next run at once (the queue marks it "submitting" before sending)
    await call(core, 'settings:update', { concurrency: 2 });
    expect((await call<Generation>(core, 'generation:get', { id: waiting.id })).status).toBe('queued');
    expect(core.provider.sandbox?.stats.createTaskCalls).toBe(1);
  });
});
