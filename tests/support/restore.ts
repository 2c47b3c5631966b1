/**
 * Bringing generations back from the bin whenever they were binned, the way the app does it: by the
 * stamp of the change that binned each (`restoreStamped`, what `undo:run` of a delete calls).
 */
import type { Library } from '../../electron/core/library/database.ts';
import { restoreStamped } from '../../electron/core/library/generations.ts';

/** Restores those of `ids` in the bin; answers how many came back. */
export function restoreBinned(db: Library, ids: readonly number[], now: number = Date.now()): number {
  let restored = 0;
  for (const id of ids) {
    const at = db.prepare('SELECT deleted_at FROM generations WHERE id = ?').pluck().get(id) as number | null | undefined;
    if (at !== null && at !== undefined) restored += restoreStamped(db, [id], at, now).length;
  }
  return restored;
}
