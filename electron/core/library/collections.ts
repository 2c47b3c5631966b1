/**
 * Collections of images (Midjourney folders, InvokeAI boards). A member is one image, named by its
 * generation and index, stored as a bit of its generation's row; filing a generation files its four
 * images. Deleting a collection bins it with its members, stamped with its undo step's `at`, so the
 * delete can be undone while the step is kept (core/undo-names.ts); images are never touched. Adds and removes are set-based statements; the core writes a bulk change in parts (core/filing.ts).
 */
import type { Collection, ImageRef } from '../../../shared/curation.ts';
import { Failure } from '../failure.ts';
import type { Library } from './database.ts';
import { statement } from './statements.ts';

/** Members removed per part when a binned collection goes for good (each row runs two triggers): ~3 ms CPU measured. */
export const PURGE_MEMBERS_PART = 500;
const ALL_IMAGES = 0b1111;

interface CollectionRow {
  id: number;
  name: string;
  created_at: number;
  images: number;
}

const toCollection = (row: CollectionRow): Collection => ({ id: row.id, name: row.name, createdAt: row.created_at, images: row.images });

const COLUMNS = 'c.id, c.name, c.created_at, c.image_count AS images';

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

/**
 * Bins a collection with its members (its images stay in the library), stamped `at`: its undo step's
 * stamp, so the bin lives exactly as long as the step (`purgeBinnedCollectionPart`); `restoreCollection` undoes it.
 */
export function deleteCollection(db: Library, id: number, at: number): Collection {
  return db.transaction(() => {
    const collection = getCollection(db, id);
    statement(db, 'UPDATE collections SET deleted_at = ? WHERE id = ?').run(at, id);
    return collection;
  })();
}

/**
 * Removes for good up to one part of the collections binned at `at` (members first, a part at a time,
 * so a collection of 100,000 generations never holds the thread); answers whether any is left.
 */
export function purgeBinnedCollectionPart(db: Library, at: number): boolean {
  return db.transaction(() => {
    const binned = statement(db, 'SELECT id FROM collections WHERE deleted_at = ? LIMIT 1').get(at) as { id: number } | undefined;
    if (binned === undefined) return false;
    const removed = statement(
      db,
      `DELETE FROM collection_members WHERE collection_id = ?
       AND generation_id IN (SELECT generation_id FROM collection_members WHERE collection_id = ? LIMIT ${PURGE_MEMBERS_PART})`,
    ).run(binned.id, binned.id).changes;
    if (removed < PURGE_MEMBERS_PART) statement(db, 'DELETE FROM collections WHERE id = ?').run(binned.id);
    return true;
  })();
}

/** Brings a deleted collection back with its members. */
export function restoreCollection(db: Library, id: number): Collection {
  const info = statement(db, 'UPDATE collections SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL').run(id);
  if (info.changes === 0) throw new Failure('not_found', 'That collection can no longer be brought back: a new collection took its name, or it was never deleted.', { id });
  return getCollection(db, id);
}

/** The images meant, as [generation, bit mask] pairs in order of first mention: those listed, plus all four of each generation listed. */
export function imagesMeant(images: readonly ImageRef[], generationIds: readonly number[]): [number, number][] {
  const wanted = new Map<number, number>();
  for (const ref of images) wanted.set(ref.generationId, (wanted.get(ref.generationId) ?? 0) | (1 << ref.index));
  for (const id of generationIds) wanted.set(id, ALL_IMAGES);
  return [...wanted];
}

/** Only the pairs whose generation is still in the library. */
function inLibrary(db: Library, masks: readonly [number, number][]): [number, number][] {
  const existing = statement(db, 'SELECT g.id FROM json_each(?) j JOIN generations g ON g.id = j.value').all(JSON.stringify(masks.map(([id]) => id))) as { id: number }[];
  const known = new Set(existing.map((row) => row.id));
  return masks.filter(([id]) => known.has(id));
}

/** The masks the collection holds now for these generations. */
function membersNow(db: Library, id: number, generationIds: readonly number[]): Map<number, number> {
  const rows = statement(
    db,
    'SELECT generation_id, images FROM collection_members WHERE collection_id = ? AND generation_id IN (SELECT value FROM json_each(?))',
  ).all(id, JSON.stringify(generationIds)) as { generation_id: number; images: number }[];
  return new Map(rows.map((row) => [row.generation_id, row.images]));
}

/** The images of a bit mask, in index order. */
const imagesOf = (generationId: number, mask: number): ImageRef[] => [0, 1, 2, 3].filter((index) => mask & (1 << index)).map((index) => ({ generationId, index }));

/** Writes new masks: [generation, mask] pairs, a mask of 0 taking the row out. */
function writeMembers(db: Library, id: number, masks: [number, number][], now: number): void {
  const kept = masks.filter(([, mask]) => mask !== 0);
  const gone = masks.filter(([, mask]) => mask === 0).map(([generationId]) => generationId);
  if (kept.length > 0) {
    statement(
      db,
      `INSERT INTO collection_members (collection_id, generation_id, images, added_at)
       SELECT ?, j.value ->> 0, j.value ->> 1, ? FROM json_each(?) j WHERE true
       ON CONFLICT (collection_id, generation_id) DO UPDATE SET images = excluded.images`,
    ).run(id, now, JSON.stringify(kept));
  }
  if (gone.length > 0) {
    statement(db, 'DELETE FROM collection_members WHERE collection_id = ? AND generation_id IN (SELECT value FROM json_each(?))').run(id, JSON.stringify(gone));
  }
}

/**
 * Whether the change may be written: a live collection, or (`binnedToo`, to put back a change cut
 * short) one binned since, whose members wait for its restore. A collection gone for good is `false`.
 */
function writable(db: Library, id: number, binnedToo: boolean): boolean {
  if (binnedToo) return statement(db, 'SELECT 1 FROM collections WHERE id = ?').get(id) !== undefined;
  getCollection(db, id); // throws `not_found` in words
  return true;
}

/** Options of a change to the members: `binnedToo` also writes to a collection binned meanwhile (putting back a change cut short). */
interface MemberChange {
  now?: number;
  binnedToo?: boolean;
}

/** Files the images of [generation, mask] pairs in a collection; returns those that were not in it yet (what an undo removes). */
export function fileImages(db: Library, id: number, masks: readonly [number, number][], options: MemberChange = {}): ImageRef[] {
  return changeMembers(db, id, masks, options, (old, mask) => old | mask);
}

/** Takes the images of [generation, mask] pairs out of a collection; returns those that were in it (what an undo puts back). */
export function unfileImages(db: Library, id: number, masks: readonly [number, number][], options: MemberChange = {}): ImageRef[] {
  return changeMembers(db, id, masks, options, (old, mask) => old & ~mask);
}

/** Writes each generation's new mask (`next` of the old one and the one asked for); returns the images whose membership changed. */
function changeMembers(
  db: Library, id: number, masks: readonly [number, number][], { now = Date.now(), binnedToo = false }: MemberChange, next: (old: number, mask: number) => number,
): ImageRef[] {
  return db.transaction(() => {
    if (!writable(db, id, binnedToo)) return [];
    const wanted = inLibrary(db, masks);
    const before = membersNow(db, id, wanted.map(([generationId]) => generationId));
    const changes: [number, number][] = [];
    const changed: ImageRef[] = [];
    for (const [generationId, mask] of wanted) {
      const old = before.get(generationId) ?? 0;
      const after = next(old, mask);
      if (after === old) continue;
      changes.push([generationId, after]);
      changed.push(...imagesOf(generationId, old ^ after));
    }
    writeMembers(db, id, changes, now);
    return changed;
  })();
}

/** Files images and whole generations in a collection; returns the images that were not in it yet (what an undo removes). */
export function addToCollection(db: Library, id: number, images: readonly ImageRef[], generationIds: readonly number[], now: number = Date.now()): ImageRef[] {
  return fileImages(db, id, imagesMeant(images, generationIds), { now });
}

/** Takes images and whole generations out of a collection; returns the images that were in it (what an undo puts back). */
export function removeFromCollection(db: Library, id: number, images: readonly ImageRef[], generationIds: readonly number[], now: number = Date.now()): ImageRef[] {
  return unfileImages(db, id, imagesMeant(images, generationIds), { now });
}

/** The collections holding any image of this generation, by name. */
export function collectionsOf(db: Library, generationId: number): Collection[] {
  const rows = statement(
    db,
    `SELECT ${COLUMNS} FROM collections c
     WHERE c.deleted_at IS NULL AND c.id IN (SELECT collection_id FROM collection_members WHERE generation_id = ?)
     ORDER BY c.name COLLATE NOCASE`,
  ).all(generationId) as CollectionRow[];
  return rows.map(toCollection);
}

/** Which of a generation's images are filed in a collection: bit i is image i (0 when none is). */
export function filedImages(db: Library, collectionId: number, generationId: number): number {
  const row = statement(db, 'SELECT images FROM collection_members WHERE collection_id = ? AND generation_id = ?').get(collectionId, generationId) as { images: number } | undefined;
  return row?.images ?? 0;
}

/** The names of the collections holding each of a generation's four images (index → names, by name): what an export writes. */
export function collectionNamesByImage(db: Library, generationId: number): string[][] {
  const rows = statement(
    db,
    `SELECT c.name, m.images FROM collection_members m JOIN collections c ON c.id = m.collection_id
     WHERE m.generation_id = ? AND c.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE`,
  ).all(generationId) as { name: string; images: number }[];
  return [0, 1, 2, 3].map((index) => rows.filter((row) => row.images & (1 << index)).map((row) => row.name));
}

/** The live collection of that name (any case), made when there is none: an import files into collections by name. */
export function collectionNamed(db: Library, name: string, now: number = Date.now()): number {
  const live = statement(db, 'SELECT id FROM collections WHERE name = ? AND deleted_at IS NULL').get(name) as { id: number } | undefined;
  return live?.id ?? createCollection(db, name, now).id;
}
