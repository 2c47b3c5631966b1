import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Failure } from '../failure.ts';
import { LATEST_VERSION, migrate, schemaVersion } from './migrations.ts';

export type Library = Database.Database;

export const LIBRARY_FILE = 'library.sqlite';

/** Where the library database lives inside a data folder. */
export function libraryPath(dataDir: string): string {
  return path.join(dataDir, LIBRARY_FILE);
}

/** Opens (creating if needed) the library in `dataDir`, checks it is sound and brings its schema up to date. */
export function openLibrary(dataDir: string): Library {
  const file = libraryPath(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new Failure('library_error', `Atelier cannot create its library folder (${dataDir}).`, { cause: String(error) });
  }
  let db: Library;
  try {
    db = new Database(file);
  } catch (error) {
    throw new Failure('library_error', `Atelier cannot open its library (${file}).`, { cause: String(error) });
  }
  try {
    prepare(db, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Whether the library deserves a full check of every page now: after a crash (a write-ahead log
 * left behind), when damage is likeliest, and always for a small library (up to `maxBytes`), where
 * it is cheap. Ask before opening: a clean close removes the log. The check itself runs on a worker
 * thread (about 4 s at a million generations); otherwise the daily backup does it.
 */
export function needsFullCheck(dataDir: string, maxBytes: number = 32 * 1024 * 1024): boolean {
  const file = libraryPath(dataDir);
  const wal = statSync(`${file}-wal`, { throwIfNoEntry: false });
  const main = statSync(file, { throwIfNoEntry: false });
  return (wal?.size ?? 0) > 0 || (main?.size ?? 0) <= maxBytes;
}

/** Reads every page of the library (PRAGMA quick_check); returns the problems found, none when sound. */
export function checkLibrary(db: Library): string[] {
  const rows = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check);
  return problems.length === 1 && problems[0] === 'ok' ? [] : problems;
}

function damaged(file: string, cause: unknown): Failure {
  return new Failure(
    'library_error',
    `The library file is damaged and Atelier cannot read it (${file}). Restore a copy from the "backups" folder next to it.`,
    { cause: String(cause) },
  );
}

function prepare(db: Library, file: string): void {
  let version: number;
  try {
    // the first read of the header: a file that is not SQLite fails here
    version = schemaVersion(db);
  } catch (error) {
    throw damaged(file, error);
  }
  if (version > LATEST_VERSION) {
    throw new Failure(
      'library_error',
      `This library was made by a newer version of Atelier (library version ${version}; this Atelier knows up to ${LATEST_VERSION}); update Atelier to open it.`,
      { libraryVersion: version, knownVersion: LATEST_VERSION },
    );
  }
  try {
    // the light check: the schema parses and the main table's tree can be walked from root to both ends
    // (two statements: together, min and max make SQLite scan the whole table)
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    if (version >= 1) {
      db.prepare('SELECT min(id) FROM generations').get();
      db.prepare('SELECT max(id) FROM generations').get();
    }
  } catch (error) {
    throw damaged(file, error);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    throw new Failure('library_error', `Atelier could not update its library to the current version (${file}).`, { cause: String(error) });
  }
}

/** Closes the library, folding the write-ahead log back into the file. */
export function closeLibrary(db: Library): void {
  if (!db.open) return;
  try {
    db.pragma('optimize');
  } finally {
    db.close();
  }
}
