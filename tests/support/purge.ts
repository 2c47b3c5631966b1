/**
 * Removing for good everything binned before a moment, the way the app does it: one change (one
 * `deleted_at` stamp) at a time, part by part, as each undo step leaves the window (library/purge.ts).
 */
import type { Library } from '../../electron/core/library/database.ts';
import { purgeStampedPart } from '../../electron/core/library/purge.ts';

/** Purges every change binned before `olderThan`; answers the generations removed and the files the caller would delete. */
export function purgeBinnedBefore(db: Library, olderThan: number): { ids: number[]; files: string[] } {
  const stamps = db
    .prepare('SELECT deleted_at FROM generations WHERE deleted_at < ? UNION SELECT deleted_at FROM images WHERE deleted_at < ? ORDER BY 1')
    .pluck()
    .all(olderThan, olderThan) as number[];
  const ids: number[] = [];
  const files: string[] = [];
  for (const at of stamps) {
    let part: ReturnType<typeof purgeStampedPart>;
    do {
      part = purgeStampedPart(db, at);
      ids.push(...part.ids);
      files.push(...part.files);
    } while (part.more);
  }
  return { ids, files };
}
