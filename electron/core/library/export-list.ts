import type { ImageRef } from '../../../shared/curation.ts';
import type { Library } from './database.ts';
import { statement } from './statements.ts';

/** What an export will write, known before it starts so progress can say how much is left. */
export interface ExportTotals {
  images: number;
  bytes: number;
}

// A saved image is one with a stored file; binned generations and images are not part of what is shown.
const SAVED = "i.state = 'done' AND i.file IS NOT NULL AND i.deleted_at IS NULL AND g.deleted_at IS NULL";

/**
 * Which images an export takes: rejected ones only with "Include rejected"; of a collection, only
 * the images filed in it; of picked images (the single-image layout, the detail view's strip), only those.
 */
export interface ExportChoice {
  includeRejected?: boolean | undefined;
  collectionId?: number | undefined;
  images?: readonly ImageRef[] | undefined;
}

/** A picked image as the export's SQL and loop compare it ("12:3": generation 12, image 3). */
export const pickedKey = (generationId: number, index: number): string => `${generationId}:${index}`;

/** The choice as SQL over `i` and `g`, with the values it binds in order (a collection's id, the picked images' keys). */
function taken({ includeRejected = false, collectionId, images }: ExportChoice): { sql: string; values: (number | string)[] } {
  let sql = includeRejected ? SAVED : `${SAVED} AND i.rejected = 0`;
  const values: (number | string)[] = [];
  if (collectionId !== undefined) {
    sql += ' AND EXISTS (SELECT 1 FROM collection_members m WHERE m.collection_id = ? AND m.generation_id = g.id AND (m.images >> i.idx) & 1)';
    values.push(collectionId);
  }
  if (images !== undefined) {
    // one IN list built once per statement, not a scan of the picks per image
    sql += " AND (i.generation_id || ':' || i.idx) IN (SELECT value FROM json_each(?))";
    values.push(JSON.stringify(images.map((ref) => pickedKey(ref.generationId, ref.index))));
  }
  return { sql, values };
}

/** The generations of picked images, each once, in the order first picked: what an export of images walks. */
export function generationsOfImages(images: readonly ImageRef[]): number[] {
  return [...new Set(images.map((ref) => ref.generationId))];
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
