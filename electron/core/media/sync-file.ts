import { open } from 'node:fs/promises';

/**
 * Flushes a file's bytes to disk. Called before a file is renamed into the library, so a power cut
 * cannot leave a renamed but empty file that a row names; off the core's thread where it can be (a
 * picture thread for an import), since a sync waits for the disk.
 */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
