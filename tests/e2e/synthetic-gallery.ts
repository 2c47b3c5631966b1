/** The large synthetic library the gallery specs seed (a fixture's `seedLibrary.fill`). */
import { closeLibrary, openLibrary, type Library } from '../../electron/core/library/database.ts';
import { buildSyntheticLibrary } from '../../scripts/lib/synthetic-library.ts';

/**
 * Fills `dataDir` with `count` synthetic generations, their failures dismissed (they would fill the
 * queue panel; these specs are about the gallery); `read` sees the library before it is closed.
 */
export function seedSyntheticGallery(dataDir: string, count: number, read?: (db: Library) => void): void {
  const db = openLibrary(dataDir);
  buildSyntheticLibrary(db, count, Date.UTC(2025, 0, 1));
  db.prepare("UPDATE generations SET dismissed = 1 WHERE status <> 'done'").run();
  read?.(db);
  closeLibrary(db);
}
