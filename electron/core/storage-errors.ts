import { accessSync, constants, statfsSync } from 'node:fs';
import path from 'node:path';
import type { ChannelName } from '../../shared/contract.ts';
import { Failure } from './failure.ts';
import { latestBackup, LIBRARY_FILE } from './library/files.ts';

/**
 * What went wrong with the disk under the library, told apart so the artist hears the truth: a
 * full disk is not a damaged library, and a read-only folder is neither. SQLite and Node name the
 * same conditions differently; this is the one place that maps them.
 */
export type StorageProblem = 'disk_full' | 'read_only' | 'no_permission' | 'damaged';

const BY_CODE: ReadonlyArray<[RegExp, StorageProblem]> = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT)$/, 'disk_full'],
  [/^(SQLITE_CORRUPT.*|SQLITE_NOTADB)$/, 'damaged'],
  [/^(SQLITE_READONLY.*|EROFS)$/, 'read_only'],
  [/^(SQLITE_PERM|EACCES|EPERM)$/, 'no_permission'],
];

/** Codes that say only "could not open / could not write": the folder itself is asked what is wrong. */
const VAGUE = /^(SQLITE_CANTOPEN.*|SQLITE_IOERR.*)$/;

/**
 * The storage problem behind an error from SQLite or the file system, or undefined when it is not
 * one (a bug, a constraint). `folder` is where the write was going, for the vague codes.
 */
export function storageProblemOf(error: unknown, folder?: string): StorageProblem | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return undefined;
  for (const [pattern, problem] of BY_CODE) if (pattern.test(code)) return problem;
  if (VAGUE.test(code) && folder !== undefined) return folderProblem(folder);
  return undefined;
}

/** Why the folder (or its nearest existing parent) cannot take a write, if it cannot. */
function folderProblem(folder: string): StorageProblem | undefined {
  let dir = folder;
  for (;;) {
    try {
      accessSync(dir, constants.W_OK);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return 'read_only';
      if (code === 'EACCES' || code === 'EPERM') return 'no_permission';
      const parent = path.dirname(dir);
      if (code !== 'ENOENT' || parent === dir) return undefined;
      dir = parent;
    }
  }
  try {
    return statfsSync(dir).bavail === 0 ? 'disk_full' : undefined;
  } catch {
    return undefined;
  }
}

/** The words after "X was not saved:" for each problem; `dataDir` names the folder the artist must look at. */
function reason(problem: StorageProblem, dataDir: string): string {
  switch (problem) {
    case 'disk_full':
      return `the disk is full. Free some space on the disk that holds the library (${dataDir}), then try again.`;
    case 'read_only':
      return `the library folder is read-only (${dataDir}). Make it writable, or move the library to a disk Atelier can write to.`;
    case 'no_permission':
      return `Atelier is not allowed to write in the library folder (${dataDir}). Check the folder's permissions.`;
    case 'damaged':
      return `the library file is damaged (${path.join(dataDir, LIBRARY_FILE)}), so Atelier does not write to it any more. ${restoreAdvice(dataDir)}`;
  }
}

/** How to get the library back: the latest verified backup, named, with the steps to put it in place. */
export function restoreAdvice(dataDir: string): string {
  const backup = latestBackup(dataDir);
  if (backup === null) return 'There is no verified backup of it yet: keep the file, a repair tool may save most of it.';
  return `To go on, quit Atelier, move ${LIBRARY_FILE} (and any ${LIBRARY_FILE}-wal and ${LIBRARY_FILE}-shm) out of the library folder, and put a copy of the latest verified backup, ${backup}, in its place named ${LIBRARY_FILE}.`;
}

const CODE: Record<StorageProblem, Failure['code']> = {
  disk_full: 'disk_full',
  read_only: 'library_not_writable',
  no_permission: 'library_not_writable',
  damaged: 'library_damaged',
};

/**
 * A Failure saying what was not done and the true reason, e.g. "The API key was not saved: the
 * disk is full. …"; undefined when the error is not a storage problem (the caller's own handling applies).
 */
export function storageFailure(error: unknown, notDone: string, dataDir: string): Failure | undefined {
  if (error instanceof Failure) return undefined;
  const problem = storageProblemOf(error, dataDir);
  return problem === undefined ? undefined : problemFailure(problem, notDone, dataDir, error);
}

/** The Failure for a storage problem already known (e.g. a page check found damage). */
export function problemFailure(problem: StorageProblem, notDone: string, dataDir: string, cause: unknown): Failure {
  return new Failure(CODE[problem], `${notDone}: ${reason(problem, dataDir)}`, { problem, cause: String(cause) });
}

/** What each request leaves undone when the library cannot be written, in the artist's words. */
const NOT_DONE: Partial<Record<ChannelName, string>> = {
  'generation:create': 'The new generation was not saved',
  'generation:rerun': 'The rerun was not saved',
  'generation:retry': 'The retry was not saved',
  'generation:cancel': 'The generation was not cancelled',
  'generation:dismiss': 'The generation was not dismissed',
  'queue:resume': 'The queue did not resume',
  'image:favorite': 'The favorite was not saved',
  'image:rate': 'The rating was not saved',
  'image:reject': 'The reject was not saved',
  'image:delete': 'Nothing was moved to the trash',
  'image:undo': 'Nothing was undone',
  'bulk:undo': 'Nothing was undone',
  'undo:run': 'Nothing was undone',
  'library:delete': 'Nothing was moved to the trash',
  'settings:update': 'The settings were not saved',
};

/**
 * The storage failure for one request of the contract, naming what that request did not do. Once the
 * library is known to be damaged, SQLite refuses writes as read-only (`query_only`): that is the damage speaking.
 */
export function requestStorageFailure(channel: ChannelName, error: unknown, dataDir: string, libraryDamaged = false): Failure | undefined {
  const notDone = NOT_DONE[channel] ?? 'Atelier could not read the library';
  if (libraryDamaged && storageProblemOf(error) === 'read_only') return problemFailure('damaged', notDone, dataDir, error);
  return storageFailure(error, notDone, dataDir);
}
