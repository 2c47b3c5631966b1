import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo, RestoreResult } from '../../../shared/contract.ts';
import { Failure } from '../failure.ts';
import { toAbsolutePath } from '../media/layout.ts';
import { storageFailure } from '../storage-errors.ts';
import { writeCheckedCopy } from './backup.ts';
import { checkLibrary, libraryPath, type Library } from './database.ts';
import { BACKUP_NAME, backupsDir, listBackups } from './files.ts';
import { LATEST_VERSION, schemaVersion } from './migrations.ts';

/** How many generations with missing files a restore names; the count covers them all. */
const MISSING_LISTED = 1000;

/**
 * The saved images whose files are not in the library folder, and their generations. A backup
 * holds the database, not the images: a file deleted after it was taken (an emptied trash) does
 * not come back, and the artist is told which runs that touches instead of finding blank tiles.
 * Runs on the upkeep thread with the restore: a file check per saved image.
 */
export function missingFiles(db: Library, dataDir: string): RestoreResult['missing'] {
  const generations: number[] = [];
  let images = 0;
  const rows = db.prepare("SELECT generation_id AS id, file FROM images WHERE state = 'done' AND file IS NOT NULL ORDER BY generation_id").iterate() as Iterable<{ id: number; file: string }>;
  for (const row of rows) {
    if (existsSync(toAbsolutePath(dataDir, row.file))) continue;
    images += 1;
    if (generations.at(-1) !== row.id && generations.length < MISSING_LISTED) generations.push(row.id);
  }
  return { images, generations };
}

/** As many pages as SQLite's online backup takes in one step: all that remain. */
const ALL_PAGES = 0x7fffffff;

/** The backups the artist can restore, newest first: a few files' names and sizes, no database read. */
export function listBackupInfo(dataDir: string): BackupInfo[] {
  return listBackups(dataDir).flatMap((file) => {
    const name = path.basename(file);
    const match = BACKUP_NAME.exec(name);
    try {
      const stat = statSync(file);
      // only a copy that passed its page check is ever given a backup's name (backup.ts)
      return [{ name, day: match?.[1] ?? '', takenAt: stat.mtimeMs, bytes: stat.size, verified: true, beforeRestore: match?.[2] !== undefined }];
    } catch {
      return []; // removed while listing (the rolling three): nothing to restore
    }
  });
}

/** The backup called `name`, only if it is one of the library's own: a name never reaches the file system otherwise. */
export function backupFile(dataDir: string, name: string): string {
  const file = listBackups(dataDir).find((candidate) => path.basename(candidate) === name);
  if (file === undefined) throw new Failure('not_found', 'That backup is no longer in the backups folder.', { name });
  return file;
}

/** The name of the copy kept just before a restore: its UTC day and time, so it sorts with the daily ones. */
export function beforeRestoreName(now: number): string {
  const iso = new Date(now).toISOString();
  return `library-${iso.slice(0, 10)}-before-restore-${iso.slice(11, 19).replaceAll(':', '')}.sqlite`;
}

/**
 * Puts a backup's content in place of the library: first the library as it is now is kept as a
 * checked backup, then the backup is checked page by page and copied in with SQLite's online
 * backup, so every open connection (the core's, the readers') sees the restored library at once.
 * Seconds at a million generations: it runs on an upkeep worker thread, never on the core's.
 */
export async function restoreBackup(db: Library, dataDir: string, name: string, now: number): Promise<RestoreResult> {
  const source = backupFile(dataDir, name);
  const keptAs = beforeRestoreName(now);
  await writeCheckedCopy(db, path.join(backupsDir(dataDir), keptAs), dataDir, 'The library was not restored');
  let backup: Library;
  try {
    backup = new Database(source, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw storageFailure(error, 'The library was not restored', dataDir) ?? new Failure('library_error', 'That backup could not be opened.', { cause: String(error) });
  }
  try {
    const version = schemaVersion(backup);
    if (version > LATEST_VERSION) {
      throw new Failure('library_error', 'That backup was made by a newer version of Atelier; update Atelier to restore it.', { version });
    }
    const problems = checkLibrary(backup);
    if (problems.length > 0) {
      throw new Failure('library_damaged', 'That backup is damaged, so the library was not restored from it; choose another.', { problems: problems.slice(0, 5) });
    }
    await backup.backup(libraryPath(dataDir), { progress: () => ALL_PAGES });
    // the copy went into the write-ahead log, every page of it: copied back here, on the upkeep
    // thread, rather than by the core's next commit (the whole library, on the core's thread)
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    if (error instanceof Failure) throw error;
    throw storageFailure(error, 'The library was not restored', dataDir) ?? error;
  } finally {
    backup.close();
  }
  return { keptAs, missing: missingFiles(db, dataDir) };
}
