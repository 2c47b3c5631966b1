/**
 * Collections of images (Midjourney folders, InvokeAI boards). A member is one image, named by its
 * generation and index; filing a generation files its four images. Deleting a collection bins it
 * with its members so the delete can be undone; images are never touched.
 */
import type { Collection, ImageRef } from '../../../shared/curation.ts';
import { Failure } from '../failure.ts';
import type { Library } from './database.ts';
import { statement } from './statements.ts';

/** How long a deleted collection waits for an undo before a later delete purges it. */
const BINNED_MS = 24 * 60 * 60 * 1000;
const IMAGES_PER_GENERATION = [0, 1, 2, 3] as const;

interface CollectionRow {
  id: number;
  name: string;
  created_at: number;
  images: number;
}

const toCollection = (row: CollectionRow): Collection => ({ id: row.id, name: row.name, createdAt: row.created_at, images: row.images });

const COLUMNS = `c.id, c.name, c.created_at,
  (SELECT count(*) FROM collection_images ci WHERE ci.collection_id = c.id) AS images`;

/** Every collection, by name, with how many images each holds. */
export function listCollections(db: Library): Collection[] {
  const rows = statement(db, `SELECT ${COLUMNS} FROM collections c WHERE c.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE`).all() as CollectionRow[];
  return rows.map(toCollection);
}

/** The collection (not deleted); throws `not_found`. */
export function getCollection(db: Library, id: number): Collection {
  const row = statement(db, `SELECT ${COLUMNS} FROM collections c WHERE c.id = ? AND c.deleted_at IS NULL`).get(id) as CollectionRow | undefined;
  if (row === undefined) throw new Failure('not_found', 'This collection is no longer in the library.', { id });
  return toCollection(row);
}

/** Frees `name` for a new or renamed collection: a binned one of that name goes for good; a live one is a conflict. */
function claimName(db: Library, name: string, except: number | null): void {
  const holder = statement(db, 'SELECT id, name, deleted_at FROM collections WHERE name = ?').get(name) as
    | { id: number; name: string; deleted_at: number | null }
    | undefined;
  if (holder === undefined || holder.id === except) return;
  if (holder.deleted_at === null) throw new Failure('conflict', `There is already a collection named "${holder.name}".`, { name: holder.name });
  statement(db, 'DELETE FROM collections WHERE id = ?').run(holder.id);
}

/** Makes a new, empty collection. */
export function createCollection(db: Library, name: string, now: number = Date.now()): Collection {
  return db.transaction(() => {
    claimName(db, name, null);
    const info = statement(db, 'INSERT INTO collections (name, created_at) VALUES (?, ?)').run(name, now);
    return getCollection(db, Number(info.lastInsertRowid));
  })();
}

/** Renames a collection; returns it and the name it had (for the undo). */
export function renameCollection(db: Library, id: number, name: string): { collection: Collection; previousName: string } {
  return db.transaction(() => {
    const before = getCollection(db, id);
    claimName(db, name, id);
    statement(db, 'UPDATE collections SET name = ? WHERE id = ?').run(name, id);
    return { collection: getCollection(db, id), previousName: before.name };
  })();
}

/** Bins a collection (its images stay in the library); `restoreCollection` undoes it. Purges ones binned long ago. */
export function deleteCollection(db: Library, id: number, now: number = Date.now()): Collection {
  return db.transaction(() => {
    const collection = getCollection(db, id);
    statement(db, 'UPDATE collections SET deleted_at = ? WHERE id = ?').run(now, id);
    statement(db, 'DELETE FROM collections WHERE deleted_at IS NOT NULL AND deleted_at < ?').run(now - BINNED_MS);
    return collection;
  })();
}

/** Brings a deleted collection back with its members. */
export function restoreCollection(db: Library, id: number): Collection {
  const info = statement(db, 'UPDATE collections SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL').run(id);
  if (info.changes === 0) throw new Failure('not_found', 'That collection can no longer be brought back: a new collection took its name, or it was never deleted.', { id });
  return getCollection(db, id);
}

/** The images meant: those listed, plus the four of each generation listed; only generations still in the library. */
function imagesMeant(db: Library, images: readonly ImageRef[], generationIds: readonly number[]): ImageRef[] {
  const exists = statement(db, 'SELECT 1 FROM generations WHERE id = ?');
  const known = new Map<number, boolean>();
  const isKnown = (id: number) => {
    let found = known.get(id);
    if (found === undefined) known.set(id, (found = exists.get(id) !== undefined));
    return found;
  };
  const seen = new Set<string>();
  const out: ImageRef[] = [];
  const push = (ref: ImageRef) => {
    const key = `${ref.generationId}:${ref.index}`;
    if (seen.has(key) || !isKnown(ref.generationId)) return;
    seen.add(key);
    out.push(ref);
  };
  for (const ref of images) push(ref);
  for (const generationId of generationIds) for (const index of IMAGES_PER_GENERATION) push({ generationId, index });
  return out;
}

/** Files images and whole generations in a collection; returns the images that were not in it yet (what an undo removes). */
export function addToCollection(db: Library, id: number, images: readonly ImageRef[], generationIds: readonly number[], now: number = Date.now()): ImageRef[] {
  return db.transaction(() => {
    getCollection(db, id);
    const insert = statement(db, 'INSERT OR IGNORE INTO collection_images (collection_id, generation_id, image_index, added_at) VALUES (?, ?, ?, ?)');
    return imagesMeant(db, images, generationIds).filter((ref) => insert.run(id, ref.generationId, ref.index, now).changes > 0);
  })();
}

/** Takes images and whole generations out of a collection; returns the images that were in it (what an undo puts back). */
export function removeFromCollection(db: Library, id: number, images: readonly ImageRef[], generationIds: readonly number[]): ImageRef[] {
  return db.transaction(() => {
    getCollection(db, id);
    const remove = statement(db, 'DELETE FROM collection_images WHERE collection_id = ? AND generation_id = ? AND image_index = ?');
    return imagesMeant(db, images, generationIds).filter((ref) => remove.run(id, ref.generationId, ref.index).changes > 0);
  })();
}

/** The collections holding any image of this generation, by name. */
export function collectionsOf(db: Library, generationId: number): Collection[] {
  const rows = statement(
    db,
    `SELECT ${COLUMNS} FROM collections c
     WHERE c.deleted_at IS NULL AND c.id IN (SELECT collection_id FROM collection_images WHERE generation_id = ?)
     ORDER BY c.name COLLATE NOCASE`,
  ).all(generationId) as CollectionRow[];
  return rows.map(toCollection);
}
