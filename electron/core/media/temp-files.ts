import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file Atelier writes is first written under `<library>/tmp/` and renamed into place
 * (same disk, so the rename is atomic). Keeping them all in one folder means a crash's
 * leftovers are found by reading that one folder at start-up, never by walking the image
 * tree (millions of entries in a large library). The media scheme never serves from here.
 */

export const TEMP_FOLDER = 'tmp';

/** A fresh, unused path in the library's temp folder for a file that will become `finalName`; creates the folder. */
export async function newTempPath(dataDir: string, finalName: string): Promise<string> {
  const folder = path.join(path.resolve(dataDir), TEMP_FOLDER);
  await mkdir(folder, { recursive: true });
  return path.join(folder, `${randomBytes(6).toString('hex')}-${path.basename(finalName)}.part`);
}

/**
 * Deletes what a crash left in the temp folder and returns how many entries it removed. Reads
 * only that folder; call it before anything starts writing there (at start-up, before the queue).
 */
export async function sweepTempFiles(dataDir: string): Promise<number> {
  const folder = path.join(path.resolve(dataDir), TEMP_FOLDER);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  // rm does not follow symbolic links: a link placed here removes the link, never its target.
  await Promise.all(names.map((name) => rm(path.join(folder, name), { recursive: true, force: true })));
  return names.length;
}
