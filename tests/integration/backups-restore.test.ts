import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import { backupLibrary, backupsDir } from '../../electron/core/library/backup.ts';
import { libraryPath } from '../../electron/core/library/files.ts';
import type { BackupInfo, RestoreResult } from '../../shared/contract.ts';
import type { Generation } from '../../shared/generation.ts';
import type { CurationResult } from '../../shared/image-curation.ts';
import type { SearchPage } from '../../shared/search.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, type recordEvents, closableCore } from '../support/test-core.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function studio(dataDir: string) {
  return closableCore(dataDir, cleanups);
}

const prompts = async (core: Core) => (await call<SearchPage>(core, 'library:search', { text: '' })).items.map((g) => g.effective.prompt).sort();

/** Today's backup, written through a connection of its own as the upkeep thread would. */
async function backUpNow(dataDir: string) {
  const connection = new Database(libraryPath(dataDir));
  try {
    return await backupLibrary(connection, dataDir);
  } finally {
    connection.close();
  }
}

async function made(core: Core, events: ReturnType<typeof recordEvents>, prompt: string) {
  const g = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt } });
  return events.reach(g.id, 'done');
}

describe('backups the artist can use', () => {
  it('lists the backups, restores one in place after keeping the library as it was, and the studio goes on', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const { core, events, close } = await studio(dir.path);
    await made(core, events, 'kept by the backup');
    await backUpNow(dir.path);
    await made(core, events, 'made after the backup');

    const listed = await call<BackupInfo[]>(core, 'backup:list');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ verified: true, beforeRestore: false });
    expect(listed[0]!.bytes).toBeGreaterThan(0);
    expect(listed[0]!.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const { keptAs, missing } = await call<RestoreResult>(core, 'backup:restore', { name: listed[0]!.name });
    expect(missing).toEqual({ images: 0, generations: [] });
    // the restored pages are in the library file itself, not only in its log: the restore copied
    // them back, so the core's next commit has nothing of it to copy (the whole library at 1M)
    const fileAlone = path.join(dir.path, 'file-alone.sqlite');
    copyFileSync(libraryPath(dir.path), fileAlone);
    const alone = new Database(fileAlone);
    expect(alone.prepare('SELECT effective_prompt AS prompt FROM generations').all()).toEqual([{ prompt: 'kept by the backup' }]);
    alone.close();
    await events.until('library:restored', (e) => e.keptAs === keptAs);
    expect(await prompts(core)).toEqual(['kept by the backup']);

    // the library as it was before the restore is a backup of its own, with both generations
    const after = await call<BackupInfo[]>(core, 'backup:list');
    expect(after.map((b) => b.name)).toContain(keptAs);
    expect(after.find((b) => b.name === keptAs)?.beforeRestore).toBe(true);
    const kept = new Database(path.join(backupsDir(dir.path), keptAs), { readonly: true });
    expect(kept.prepare('SELECT count(*) AS n FROM generations').get()).toEqual({ n: 2 });
    kept.close();

    // the studio goes on in the restored library, and it is what opens next time
    await made(core, events, 'made after the restore');
    await close();
    const again = await studio(dir.path);
    expect(await prompts(again.core)).toEqual(['kept by the backup', 'made after the restore']);
  });

  it('never gives a change after a restore an undo id given out before it: an Undo held from then is refused, not run on another change', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const { core, events } = await studio(dir.path);
    const run = await made(core, events, 'rated around a restore');
    await backUpNow(dir.path);
    const rate = (rating: number) => call<CurationResult>(core, 'image:rate', { target: { images: [{ generationId: run.id, index: 0 }] }, rating });
    const before = [await rate(2), await rate(3), await rate(4)];
    const [name] = (await call<BackupInfo[]>(core, 'backup:list')).map((b) => b.name);
    const { keptAs } = await call<RestoreResult>(core, 'backup:restore', { name });
    await events.until('library:restored', (e) => e.keptAs === keptAs);

    const after = await rate(5);
    expect(after.undoId).toBeGreaterThan(Math.max(...before.map((step) => step.undoId)));
    // the Undo of a change the restored library never held: refused in words, the rating left as it is
    const stale = await core.dispatch('undo:run', { undoId: before[2]!.undoId });
    expect(stale.ok).toBe(false);
    expect((await call<Generation>(core, 'generation:get', { id: run.id })).images[0]?.rating).toBe(5);
  });

  it('names the generations whose image files were deleted after the backup: a backup holds the library, not the files', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const { core, events } = await studio(dir.path);
    const gone = await made(core, events, 'its files deleted later');
    const kept = await made(core, events, 'its files still here');
    await backUpNow(dir.path);
    // the trash emptied after the backup: two of one run's files are no more
    for (const image of gone.images.slice(1, 3)) rmSync(path.join(dir.path, image.file!));
    const [backup] = await call<BackupInfo[]>(core, 'backup:list');

    const result = await call<RestoreResult>(core, 'backup:restore', { name: backup!.name });
    expect(result.missing).toEqual({ images: 2, generations: [gone.id] });
    expect((await events.until('library:restored', (e) => e.keptAs === result.keptAs)).missing).toEqual(result.missing);
    expect(kept.images.every((image) => image.file !== null)).toBe(true);
  });

  it('refuses a name that is not one of its backups, and a restore while generations are on their way', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const { core, events } = await studio(dir.path);
    await made(core, events, 'first');
    await backUpNow(dir.path);
    const [backup] = await call<BackupInfo[]>(core, 'backup:list');

    const outside = await core.dispatch('backup:restore', { name: '../library.sqlite' });
    expect(outside.ok ? null : outside.error.code).toBe('not_found');

    // a 402 keeps the next generation queued
    core.provider.sandbox!.faults.add({ endpoint: 'createTask', kind: 'status', status: 402, body: { message: 'Insufficient credits', required: 12, available: 0 }, times: 1 });
    await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'waiting for credits' } });
    await events.until('queue:changed', (q) => q.paused !== null);
    const busy = await core.dispatch('backup:restore', { name: backup!.name });
    expect(busy.ok ? null : busy.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/still working on 1 generation/) });
    expect(await prompts(core)).toEqual(['first', 'waiting for credits']);
  });
});
