import Database from 'better-sqlite3';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { migrate } from '../../electron/core/library/migrations.ts';
import { buildSyntheticLibrary, randomSource } from '../../scripts/lib/synthetic-library.ts';

export const SEARCH_LIBRARY_START = Date.UTC(2025, 0, 1);

/**
 * The library the search-correctness test reads: `count` synthetic generations with long, lifelike
 * prompts, plus what makes ordering and matching tricky — a tenth dated earlier than their ids
 * (as imported generations are), ties on a timestamp, some in the bin, some favourites, accents;
 * with `curation`, also the benchmarks' ratings, rejects, tags and collections.
 */
export function seedSearchLibrary(dataDir: string, count: number, options: { schemaVersion?: number; curation?: boolean } = {}): void {
  const db = options.schemaVersion === undefined ? openLibrary(dataDir) : olderLibrary(dataDir, options.schemaVersion);
  buildSyntheticLibrary(db, count, SEARCH_LIBRARY_START, { curation: options.curation ?? false });
  const random = randomSource(99);
  const redate = db.prepare('UPDATE generations SET created_at = ? WHERE id = ?');
  const bin = db.prepare('UPDATE generations SET deleted_at = ? WHERE id = ?');
  const accent = db.prepare('UPDATE generations SET effective_prompt = ? WHERE id = ?');
  db.transaction(() => {
    for (let id = 1; id <= count; id += 1) {
      const roll = random();
      // older than their ids, some landing on another generation's exact timestamp
      if (roll < 0.1) redate.run(SEARCH_LIBRARY_START - Math.floor(random() * 2000) * 240_000, id);
      else if (roll < 0.13) bin.run(SEARCH_LIBRARY_START + count * 60_000, id);
      else if (roll < 0.135) accent.run(random() < 0.5 ? 'Café terrace at night, Été brûlant, crème brûlée still life' : 'CAFÉ sign in the rain, naïve watercolor', id);
    }
  })();
  closeLibrary(db);
}

/** A library left at an older schema version, as an earlier Atelier made it (opening it later migrates it). */
function olderLibrary(dataDir: string, version: number): Database.Database {
  const db = new Database(libraryPath(dataDir));
  db.pragma('journal_mode = WAL');
  migrate(db, version);
  return db;
}
