import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupLibrary } from '../../electron/core/library/backup.ts';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, startTestCore } from '../support/test-core.ts';

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

describe.skipIf(process.platform === 'win32')('the library is private to its owner', () => {
  it('folder 0700; database, its WAL and shared memory, key, settings and backups 0600', async () => {
    const parent = tempDir();
    dirs.push(parent);
    const dataDir = path.join(parent.path, 'library');
    const previousMask = process.umask(0o022); // the usual umask, under which files come out world-readable
    try {
      const core = await startTestCore(dataDir);
      await call(core, 'settings:update', { apiKey: 'kv-private-0123456789', concurrency: 2 });
      const file = libraryPath(dataDir);
      expect(modeOf(dataDir)).toBe('700');
      expect([modeOf(file), modeOf(`${file}-wal`), modeOf(`${file}-shm`)]).toEqual(['600', '600', '600']);
      expect(modeOf(path.join(dataDir, 'api-key'))).toBe('600');
      expect(modeOf(path.join(dataDir, 'settings.json'))).toBe('600');
      await core.close();

      const db = openLibrary(dataDir);
      const backup = await backupLibrary(db, dataDir);
      closeLibrary(db);
      expect(modeOf(path.dirname(backup.created ?? ''))).toBe('700');
      expect(modeOf(backup.created ?? '')).toBe('600');
    } finally {
      process.umask(previousMask);
    }
  });

  it('tightens a library folder and database left readable by others', () => {
    const dir = tempDir();
    dirs.push(dir);
    const dataDir = path.join(dir.path, 'library');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    closeLibrary(openLibrary(dataDir));
    chmodSync(libraryPath(dataDir), 0o644);
    writeFileSync(path.join(dataDir, 'note.txt'), 'x');
    chmodSync(dataDir, 0o777);

    closeLibrary(openLibrary(dataDir));
    expect(modeOf(dataDir)).toBe('700');
    expect(modeOf(libraryPath(dataDir))).toBe('600');
  });
});
