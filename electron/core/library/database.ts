import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Failure } from '../failure.ts';
import { makePrivateFile, makePrivateFolder } from '../private-files.ts';
import { problemFailure, storageFailure } from '../storage-errors.ts';
import { libraryPath } from './files.ts';
import { LATEST_VERSION, migrate, schemaVersion } from './migrations.ts';

export { LIBRARY_FILE, libraryPath } from './files.ts';

export type Library = Database.Database;

const OPENING = 'Atelier cannot open its library';

/** Opens (creating if needed) the library in `dataDir`, checks it is sound and brings its schema up to date. */
export function openLibrary(dataDir: string): Library {
  const file = libraryPath(dataDir);
  let db: Library;
  try {
    makePrivateFolder(dataDir);
    makePrivateFile(file);
    db = new Database(file);
  } catch (error) {
    throw storageFailure(error, OPENING, dataDir) ?? new Failure('library_error', `${OPENING} (${file}).`, { cause: String(error) });
  }
  try {
    beginImmediately(db);
    prepare(db, dataDir);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Makes every transaction of this connection take the write lock when it begins (BEGIN IMMEDIATE).
 * A deferred one that reads and then writes fails at once with "database is locked" when another
 * connection (the upkeep thread's fills) committed after its read: SQLite cannot wait for a
 * snapshot that is already stale, so busy_timeout never applies. Begun immediately, it waits like
 * any write. Nested calls stay savepoints (better-sqlite3 decides that by itself). A library held
 * read-only after damage (health.ts: query_only) refuses BEGIN IMMEDIATE, so there they stay deferred.
 */
function beginImmediately(db: Library): void {
  const transaction = db.transaction.bind(db);
  const readOnly = () => db.pragma('query_only', { simple: true }) === 1;
  db.transaction = ((run: (...args: never[]) => unknown) => {
    const made = transaction(run);
    return Object.assign((...args: never[]) => (readOnly() ? made.deferred(...args) : made.immediate(...args)), {
      default: made.immediate,
      deferred: made.deferred,
      immediate: made.immediate,
      exclusive: made.exclusive,
    });
  }) as Library['transaction'];
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

/**
 * A read that fails is damage unless the disk says otherwise: a read-only folder or a full disk
 * also stop SQLite from opening its log, and must not send the artist to restore a backup.
 */
function unreadable(dataDir: string, cause: unknown): Failure {
  return storageFailure(cause, OPENING, dataDir) ?? problemFailure('damaged', OPENING, dataDir, cause);
}

function prepare(db: Library, dataDir: string): void {
  const file = libraryPath(dataDir);
  let version: number;
  try {
    // the first read of the header: a file that is not SQLite fails here
    version = schemaVersion(db);
  } catch (error) {
    throw unreadable(dataDir, error);
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
    throw unreadable(dataDir, error);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    throw (
      storageFailure(error, 'Atelier could not update its library to the current version', dataDir) ??
      new Failure('library_error', `Atelier could not update its library to the current version (${file}).`, { cause: String(error) })
    );
  }
}

/** Closes the library, folding the write-ahead log back into the file. */
export function closeLibrary(db: Library): void {
  if (!db.open) return;
  // a damaged library is held read-only (health.ts): there is nothing to tune, and the attempt would only fail
  const readOnly = db.pragma('query_only', { simple: true }) === 1;
  try {
    if (!readOnly) db.pragma('optimize');
  } catch (error) {
    // Only a tune-up of the query planner: a full disk or a damaged file must not keep the library open.
    console.warn('[atelier] could not optimise the library before closing it:', error);
  }
  db.close();
}
