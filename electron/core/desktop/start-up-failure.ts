import { Failure } from '../failure.ts';
import { storageProblemOf } from '../storage-errors.ts';

/**
 * What the artist is told when Atelier cannot start, in two cases: the desktop shell itself failed
 * (a folder it needs cannot be made, …), or the library could not be opened (made by a newer
 * Atelier, open elsewhere, unreadable, …). Both end with the app quitting; the second offers a way
 * out first. Plain data, so the words are testable without Electron.
 */

export interface StartUpNotice {
  title: string;
  /** The reason, in the artist's words. */
  message: string;
  /** What to do about it. */
  detail: string;
}

/** The library dialog's buttons, in order; Escape or closing the dialog means Quit. */
export const LIBRARY_CHOICES = ['Choose another library…', 'Open library folder', 'Quit'] as const;
export type LibraryChoice = (typeof LIBRARY_CHOICES)[number];

const fileError = (error: unknown): { code?: string; path?: string; message: string } =>
  typeof error === 'object' && error !== null
    ? { ...(error as { code?: string; path?: string }), message: String((error as { message?: unknown }).message ?? error) }
    : { message: String(error) };

/**
 * The shell could not start. `logsDir`, when the log was already being written, is named so the
 * artist (or whoever helps them) knows where the details are.
 */
export function startUpFailureNotice(error: unknown, logsDir?: string): StartUpNotice {
  const { code, path: where, message } = fileError(error);
  const title = 'Atelier could not start';
  const logs = logsDir === undefined ? '' : ` If this keeps happening, the details are in the logs folder: ${logsDir}`;
  if (where !== undefined && (code === 'EEXIST' || code === 'ENOTDIR')) {
    return { title, message: `Atelier could not create the folder ${where}: a file is in the way.`, detail: 'Move or rename that file, then open Atelier again.' };
  }
  const problem = storageProblemOf(error);
  if (where !== undefined && problem === 'no_permission') {
    return { title, message: `Atelier is not allowed to write to ${where}.`, detail: 'Check the permissions of that folder, then open Atelier again.' };
  }
  if (where !== undefined && problem === 'read_only') {
    return { title, message: `${where} is on a disk that is read-only.`, detail: 'Make it writable, or open a library on another disk with --data-dir.' };
  }
  if (problem === 'disk_full') {
    return { title, message: 'The disk that holds the library is full.', detail: 'Free some space on it, then open Atelier again.' };
  }
  return { title, message: `Something went wrong while starting: ${message}`, detail: `Try opening Atelier again.${logs}` };
}

/**
 * The library could not be opened. A Failure already says why in the artist's words; anything else
 * is a bug, told as such, with the log file that holds its details.
 */
export function libraryProblemNotice(error: unknown, dataDir: string, logFile: string): StartUpNotice {
  const message =
    error instanceof Failure ? error.message : `Something went wrong while opening the library. The details are in the log: ${logFile}`;
  return {
    title: 'Atelier could not open the library',
    message,
    detail: `Library folder: ${dataDir}\n\nOpen the library folder to look at it, or choose another library folder to open instead.`,
  };
}
