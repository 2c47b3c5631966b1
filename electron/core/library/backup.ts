import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Failure } from '../failure.ts';
import { makePrivateFile, makePrivateFolder } from '../private-files.ts';
import { storageFailure } from '../storage-errors.ts';
import { backupsDir, listBackups } from './files.ts';
import { checkLibrary, type Library } from './database.ts';

export { backupsDir, latestBackup } from './files.ts';

const KEEP = 3;

export interface BackupResult {
  /** The backup written now, or null when today's already existed. */
  created: string | null;
  /** Older backups removed to keep the last three. */
  removed: string[];
}

/** As many pages as SQLite's online backup takes in one step: all that remain. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the library into `target` and checks the copy page by page; only a complete, checked copy
 * takes that name, so a crash mid-copy never leaves a bad "backup". `what` starts the sentence of a failure.
 */
export async function writeCheckedCopy(db: Library, target: string, dataDir: string, what: string): Promise<void> {
  const dir = path.dirname(target);
  const partial = `${target}.partial`;
  try {
    makePrivateFolder(dir);
    rmSync(partial, { force: true });
    // created private first: the backup keeps the mode of the file it writes into
    makePrivateFile(partial);
    // one step after the first: a step reads one consistent snapshot, while a write by the core
    // between small steps would make SQLite start the copy over
    await db.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw (
      storageFailure(error, what, dataDir) ??
      new Failure('library_error', `Atelier could not back up its library into ${dir}.`, { cause: String(error) })
    );
  }
  let problems: string[];
  try {
    const copy = new Database(partial);
    try {
      // the copy inherits WAL mode; a backup is a single self-contained file
      copy.pragma('journal_mode = DELETE');
      problems = checkLibrary(copy);
    } finally {
      copy.close();
    }
    if (problems.length === 0) renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw storageFailure(error, what, dataDir) ?? error;
  }
  if (problems.length > 0) {
    rmSync(partial, { force: true });
    throw new Failure('library_damaged', `The library appears damaged, so ${what.charAt(0).toLowerCase()}${what.slice(1)}; the older backups are kept.`, {
      problems: problems.slice(0, 5),
    });
  }
}

/**
 * Writes today's backup (UTC day) unless it exists, checks it page by page, then keeps only the
 * newest three; a damaged library is reported instead of being copied over a good backup. Seconds
 * of reading at a million generations: it runs on an upkeep worker thread with its own connection
 * (threads.ts), never on the core's.
 */
export async function backupLibrary(db: Library, dataDir: string, now: number = Date.now()): Promise<BackupResult> {
  const dir = backupsDir(dataDir);
  const day = new Date(now).toISOString().slice(0, 10);
  const target = path.join(dir, `library-${day}.sqlite`);
  let created: string | null = null;
  if (!existsSync(target)) {
    await writeCheckedCopy(db, target, dataDir, "Today's backup was not made");
    created = target;
  }
  const removed = listBackups(dataDir).slice(KEEP);
  for (const file of removed) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
  return { created, removed };
}
