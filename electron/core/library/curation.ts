/**
 * Curating single images: favourite, rating, reject and delete, for some images or for every image
 * of some generations. Each change answers with the state before it, so an undo puts back exactly
 * that; the generation's summary (any favourite, best rating, kept count) follows by the triggers
 * of migration 8. A generation whose last image is deleted goes to the trash with it.
 */
import type { Library } from './database.ts';
import { unfinishedStatuses, type Rating } from '../../../shared/generation.ts';
import type { CurationChange, CurationTarget, CurationUndo, ImageCuration } from '../../../shared/image-curation.ts';
import { statement } from './statements.ts';

interface CurationRow {
  generation_id: number;
  idx: number;
  favorite: number;
  rating: number | null;
  rejected: number;
  deleted_at: number | null;
}

/** What a change did: the undo, how many images it was for, which generations changed or went to the trash. */
export interface CurationOutcome {
  undo: CurationUndo;
  images: number;
  changed: number[];
  binned: number[];
}

const COLUMNS = 'i.generation_id, i.idx, i.favorite, i.rating, i.rejected, i.deleted_at';
// only images still shown, of generations still in the library
const LIVE = 'i.deleted_at IS NULL AND g.deleted_at IS NULL';

function targetRows(db: Library, target: CurationTarget): CurationRow[] {
  if ('generations' in target) {
    return statement(
      db,
      `SELECT ${COLUMNS} FROM images i JOIN generations g ON g.id = i.generation_id
       WHERE i.generation_id IN (SELECT value FROM json_each(?)) AND ${LIVE} ORDER BY i.generation_id, i.idx`,
    ).all(JSON.stringify(target.generations)) as CurationRow[];
  }
  const one = statement(db, `SELECT ${COLUMNS} FROM images i JOIN generations g ON g.id = i.generation_id WHERE i.generation_id = ? AND i.idx = ? AND ${LIVE}`);
  const seen = new Set<string>();
  const rows: CurationRow[] = [];
  for (const ref of target.images) {
    const key = `${ref.generationId}:${ref.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const row = one.get(ref.generationId, ref.index) as CurationRow | undefined;
    if (row) rows.push(row);
  }
  return rows;
}

const stateOf = (row: CurationRow): ImageCuration => ({
  generationId: row.generation_id,
  index: row.idx,
  favorite: row.favorite === 1,
  rating: row.rating as Rating | null,
  rejected: row.rejected === 1,
  deletedAt: row.deleted_at,
});

function setterOf(change: CurationChange): { set: string; value: unknown } {
  if ('favorite' in change) return { set: 'favorite = ?', value: change.favorite ? 1 : 0 };
  if ('rating' in change) return { set: 'rating = ?', value: change.rating };
  if ('rejected' in change) return { set: 'rejected = ?', value: change.rejected ? 1 : 0 };
  return { set: 'deleted_at = ?', value: null };
}

const UNFINISHED = unfinishedStatuses.map((s) => `'${s}'`).join(',');

/** Applies one curation change to the target's images in one transaction; returns what undoes it. */
export function curateImages(db: Library, target: CurationTarget, change: CurationChange, now: number = Date.now()): CurationOutcome {
  return db.transaction(() => {
    const rows = targetRows(db, target);
    const { set, value } = setterOf(change);
    const update = statement(db, `UPDATE images SET ${set} WHERE generation_id = ? AND idx = ?`);
    for (const row of rows) update.run('deleted' in change ? now : value, row.generation_id, row.idx);
    const changed = [...new Set(rows.map((r) => r.generation_id))];
    const touch = statement(db, 'UPDATE generations SET updated_at = ? WHERE id = ?');
    for (const id of changed) touch.run(now, id);
    // deleting the last image deletes the generation (its images come back with it on undo)
    const binned: number[] = [];
    if ('deleted' in change) {
      const bin = statement(
        db,
        `UPDATE generations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL AND status NOT IN (${UNFINISHED})
           AND NOT EXISTS (SELECT 1 FROM images WHERE generation_id = generations.id AND deleted_at IS NULL)`,
      );
      for (const id of changed) if (bin.run(now, id).changes === 1) binned.push(id);
    }
    const gone = new Set(binned);
    return { undo: { images: rows.map(stateOf), binned }, images: rows.length, changed: changed.filter((id) => !gone.has(id)), binned };
  })();
}

/** Puts images back exactly as an undo record says (their generations out of the trash first); returns the generations changed. */
export function undoCuration(db: Library, undo: CurationUndo, now: number = Date.now()): number[] {
  return db.transaction(() => {
    const unbin = statement(db, 'UPDATE generations SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL');
    for (const id of undo.binned) unbin.run(now, id);
    const put = statement(db, 'UPDATE images SET favorite = ?, rating = ?, rejected = ?, deleted_at = ? WHERE generation_id = ? AND idx = ?');
    const changed = new Set<number>(undo.binned);
    for (const image of undo.images) {
      const info = put.run(image.favorite ? 1 : 0, image.rating, image.rejected ? 1 : 0, image.deletedAt, image.generationId, image.index);
      if (info.changes === 1) changed.add(image.generationId);
    }
    const touch = statement(db, 'UPDATE generations SET updated_at = ? WHERE id = ?');
    for (const id of changed) touch.run(now, id);
    return [...changed];
  })();
}
