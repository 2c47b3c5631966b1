import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Where the library's files live in its folder: the database and its rolling backups. */
export const LIBRARY_FILE = 'library.sqlite';

/** Where the library database lives inside a data folder. */
export function libraryPath(dataDir: string): string {
  return path.join(dataDir, LIBRARY_FILE);
}

/**
 * A finished backup's name: the day's backup, or the copy kept just before a restore (its time
 * added). Only a complete copy that passed the page check is ever given one.
 */
export const BACKUP_NAME = /^library-(\d{4}-\d{2}-\d{2})(?:-before-restore-(\d{6}))?\.sqlite$/;

/** The folder holding the rolling backups of the library. */
export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/** The library's backups, newest first. */
export function listBackups(dataDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(backupsDir(dataDir));
  } catch {
    return [];
  }
  return names
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse()
    .map((name) => path.join(backupsDir(dataDir), name));
}

/** The newest verified backup, the one to restore when the library is damaged; null when there is none. */
export function latestBackup(dataDir: string): string | null {
  return listBackups(dataDir)[0] ?? null;
}
