import { rmSync } from 'node:fs';
import type { EventHub } from './events.ts';
import type { Library } from './library/database.ts';
import { purgeDeleted } from './library/generations.ts';
import { toAbsolutePath } from './media/layout.ts';

/** How long a deleted generation or image can still be brought back before its files are removed. */
export const TRASH_DAYS = 30;

/**
 * Removes for good the generations and single images deleted before `olderThan`, then their files
 * (returns how many generations went). The rows
 * go first: a crash in between leaves only unreferenced files, never a row without its image.
 */
export function emptyTrash(db: Library, dataDir: string, hub: EventHub, olderThan: number): number {
  const { ids, files } = purgeDeleted(db, olderThan);
  for (const file of files) {
    try {
      rmSync(toAbsolutePath(dataDir, file), { force: true });
    } catch (error) {
      console.error('[atelier] could not remove a deleted image file:', file, error);
    }
  }
  if (ids.length > 0) hub.emit('library:changed', { ids, change: 'purged' });
  return ids.length;
}
