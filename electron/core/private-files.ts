import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

/**
 * The library holds the artist's prompts, images and (in the preview) the API key: only the user
 * who owns it may read it. Where the platform has no POSIX modes (Windows) the folder's ACL,
 * inherited from the user's profile, already does that job.
 */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const hasModes = (platform: NodeJS.Platform) => platform !== 'win32';

/** Creates the folder if missing and makes it the owner's alone (an existing, looser folder is tightened). */
export function makePrivateFolder(dir: string, platform: NodeJS.Platform = process.platform): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  tighten(dir, PRIVATE_FOLDER_MODE, platform);
}

/**
 * Creates the file empty if missing and makes it the owner's alone. SQLite gives its -wal and -shm
 * files the mode of the database file, so doing this before opening covers all three.
 */
export function makePrivateFile(file: string, platform: NodeJS.Platform = process.platform): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  tighten(file, PRIVATE_FILE_MODE, platform);
}

/**
 * Best effort: a library on a drive without POSIX modes (FAT, exFAT, some network shares) refuses
 * chmod, and refusing to open the artist's library over that would lose more than it protects.
 */
function tighten(target: string, mode: number, platform: NodeJS.Platform): void {
  if (!hasModes(platform)) return;
  try {
    chmodSync(target, mode);
  } catch (error) {
    console.warn(`[atelier] could not make ${target} private (mode ${mode.toString(8)}):`, error);
  }
}
