import type { Library } from './database.ts';
import { statement } from './statements.ts';

/** What an export will write, known before it starts so progress can say how much is left. */
export interface ExportTotals {
  images: number;
  bytes: number;
}

// A saved image is one with a stored file; binned generations and images are not part of what is shown.
const SAVED = "i.state = 'done' AND i.file IS NOT NULL AND i.deleted_at IS NULL AND g.deleted_at IS NULL";

/** What an export takes, as the gallery shows it: rejected images only when "Include rejected" is ticked. */
const taken = (includeRejected: boolean): string => (includeRejected ? SAVED : `${SAVED} AND i.rejected = 0`);

/** How many saved images (and bytes) the chosen generations hold; `null` means the whole library. */
export function exportTotals(db: Library, generationIds: readonly number[] | null, includeRejected = false): ExportTotals {
  const row = generationIds === null
    ? statement(db, `SELECT count(*) AS images, coalesce(sum(i.bytes), 0) AS bytes FROM images i JOIN generations g ON g.id = i.generation_id WHERE ${taken(includeRejected)}`).get()
    : statement(
      db,
      `SELECT count(*) AS images, coalesce(sum(i.bytes), 0) AS bytes FROM images i JOIN generations g ON g.id = i.generation_id
       WHERE ${taken(includeRejected)} AND i.generation_id IN (SELECT value FROM json_each(?))`,
    ).get(JSON.stringify(generationIds));
  return row as ExportTotals;
}

/** The next page of generations (after `afterId`, oldest id first) that hold a saved image: the whole library, a page at a time. */
export function exportablePage(db: Library, afterId: number, limit: number, includeRejected = false): number[] {
  const rows = statement(
    db,
    `SELECT DISTINCT g.id AS id FROM generations g JOIN images i ON i.generation_id = g.id WHERE ${taken(includeRejected)} AND g.id > ? ORDER BY g.id LIMIT ?`,
  ).all(afterId, limit) as { id: number }[];
  return rows.map((row) => row.id);
}

/** Of the chosen generations, those that hold a saved image and are not in the bin, in the order chosen. */
export function exportableOf(db: Library, generationIds: readonly number[], includeRejected = false): number[] {
  const rows = statement(
    db,
    `SELECT DISTINCT g.id AS id FROM generations g JOIN images i ON i.generation_id = g.id
     WHERE ${taken(includeRejected)} AND g.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(generationIds)) as { id: number }[];
  const kept = new Set(rows.map((row) => row.id));
  return generationIds.filter((id) => kept.has(id));
}
