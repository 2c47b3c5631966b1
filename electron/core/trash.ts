import { rm } from 'node:fs/promises';
import { toAbsolutePath } from './media/layout.ts';

/** How long a deleted generation or image can still be brought back (its undo kept) before its files are removed. */
export const TRASH_DAYS = 30;

/** Deletes the files of images removed for good (paths relative to the library folder); a file that cannot go is logged, the rest still go. */
export async function removeTrashFiles(dataDir: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    await rm(toAbsolutePath(dataDir, file), { force: true }).catch((error: unknown) => console.error('[atelier] could not remove a deleted image file:', file, error));
  }
}
