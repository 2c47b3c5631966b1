import type { Library } from './database.ts';
import { statement } from './statements.ts';

/** What an export will write, known before it starts so progress can say how much is left. */
export interface ExportTotals {
  images: number;
  bytes: number;
}

// A saved image is one with a stored file; binned generations and images are not part of what is shown.
const SAVED = "i.state = 'done' AND i.file IS NOT NULL AND i.deleted_at IS NULL AND g.deleted_at IS NULL";

/** Which images an export takes: rejected ones only with "Include rejected"; of a collection, only the images filed in it. */
export interface ExportChoice {
  includeRejected?: boolean | undefined;
  collectionId?: number | undefined;
}

/** The choice as SQL over `i` and `g` (the collection's id, when asked, is the one value it binds). */
function taken({ includeRejected = false, collectionId }: ExportChoice): { sql: string; values: number[] } {
  const rejected = includeRejected ? '' : ' AND i.rejected = 0';
  if (collectionId === undefined) return { sql: `${SAVED}${rejected}`, values: [] };
  const filed = ' AND EXISTS (SELECT 1 FROM collection_members m WHERE m.collection_id = ? AND m.generation_id = g.id AND (m.images >> i.idx) & 1)';
  return { sql: `${SAVED}${rejected}${filed}`, values: [collectionId] };
}

/** How many saved images (and bytes) the chosen generations hold; `null` means the whole library. */
export function exportTotals(db: Library, generationIds: readonly number[] | null, choice: ExportChoice = {}): ExportTotals {
  const { sql, values } = taken(choice);
  const row = generationIds === null
    ? statement(db, `SELECT count(*) AS images, coalesce(sum(i.bytes), 0) AS bytes FROM images i JOIN generations g ON g.id = i.generation_id WHERE ${sql}`).get(...values)
    : statement(
      db,
      `SELECT count(*) AS images, coalesce(sum(i.bytes), 0) AS bytes FROM images i JOIN generations g ON g.id = i.generation_id
       WHERE ${sql} AND i.generation_id IN (SELECT value FROM json_each(?))`,
    ).get(...values, JSON.stringify(generationIds));
  return row as ExportTotals;
}

/** The next page of generations (after `afterId`, oldest id first) that hold a saved image: the whole library, a page at a time. */
export function exportablePage(db: Library, afterId: number, limit: number, choice: ExportChoice = {}): number[] {
  const { sql, values } = taken(choice);
  const rows = statement(
    db,
    `SELECT DISTINCT g.id AS id FROM generations g JOIN images i ON i.generation_id = g.id WHERE ${sql} AND g.id > ? ORDER BY g.id LIMIT ?`,
  ).all(...values, afterId, limit) as { id: number }[];
  return rows.map((row) => row.id);
}

/** Of the chosen generations, those that hold a saved image and are not in the bin, in the order chosen. */
export function exportableOf(db: Library, generationIds: readonly number[], choice: ExportChoice = {}): number[] {
  const { sql, values } = taken(choice);
  const rows = statement(
    db,
    `SELECT DISTINCT g.id AS id FROM generations g JOIN images i ON i.generation_id = g.id
     WHERE ${sql} AND g.id IN (SELECT value FROM json_each(?))`,
  ).all(...values, JSON.stringify(generationIds)) as { id: number }[];
  const kept = new Set(rows.map((row) => row.id));
  return generationIds.filter((id) => kept.has(id));
}
