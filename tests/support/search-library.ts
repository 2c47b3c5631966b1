import { closeLibrary, openLibrary } from '../../electron/core/library/database.ts';
import { buildSyntheticLibrary, randomSource } from '../../scripts/lib/synthetic-library.ts';

export const SEARCH_LIBRARY_START = Date.UTC(2025, 0, 1);

/**
 * The library the search-correctness test reads: `count` synthetic generations with long, lifelike
 * prompts, plus what makes ordering and matching tricky — a tenth dated earlier than their ids
 * (as imported generations are), ties on a timestamp, some in the bin, some favourites, accents.
 */
export function seedSearchLibrary(dataDir: string, count: number): void {
  const db = openLibrary(dataDir);
  buildSyntheticLibrary(db, count, SEARCH_LIBRARY_START);
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
