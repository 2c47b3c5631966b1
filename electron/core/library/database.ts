import { mkdirSync } from 'node:fs';
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

function prepare(db: Library, file: string): void {
  let version: number;
  try {
    // the first read of the header: a file that is not SQLite fails here
    version = schemaVersion(db);
    const problems = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
    if (problems.length !== 1 || problems[0]?.quick_check !== 'ok') {
      throw new Error(problems.map((p) => p.quick_check).join('; '));
    }
  } catch (error) {
    throw new Failure(
      'library_error',
      `The library file is damaged and Atelier cannot read it (${file}). Restore a copy from the "backups" folder next to it.`,
      { cause: String(error) },
    );
  }
  if (version > LATEST_VERSION) {
    throw new Failure(
      'library_error',
      `This library was made by a newer version of Atelier (library version ${version}; this Atelier knows up to ${LATEST_VERSION}); update Atelier to open it.`,
      { libraryVersion: version, knownVersion: LATEST_VERSION },
    );
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
