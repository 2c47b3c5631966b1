/**
 * Duplicates and near-duplicates (migration 14). Every saved image gets a pixel hash and a 64-bit
 * perceptual hash (media/fingerprint.ts). Near means at most SIMILAR_DISTANCE differing bits.
 *
 * The index is multi-index hashing: the 64 bits are cut into four 16-bit bands, each an indexed
 * column. Two hashes within 7 bits differ in at most 1 bit in at least one band (pigeonhole: four
 * bands with 2 or more differences would be 8), so a lookup probes each band for its value and its
 * 16 one-bit neighbours (68 indexed equality probes) and checks the distance of those candidates
 * only: at 4,000,000 random hashes ~61 rows share a 16-bit value, so a few thousand rows are read
 * instead of millions (`npm run bench:similar`).
 *
 * When an image is hashed its near copies already hashed are written as pairs (`similar_images`),
 * so the Duplicates view reads pairs and never compares the library with itself.
 */
import type { DuplicateGroup, SimilarImage } from '../../../shared/duplicates.ts';
import type { Fingerprint } from '../media/fingerprint.ts';
import type { Library } from './database.ts';
import { statement } from './statements.ts';

/**
 * The most differing bits for "similar". Measured on the Sandbox's pictures (6 prompts × 3 ratios ×
 * 3 seeds × 4 images): a 50 % resize, a JPEG quality-75 copy and both at once (648 copies) differ
 * by 0 bits (375), 2 (252), 4 (19) or 6 (2), while the other images of the same run (324 pairs)
 * differ by 20 or more. 7 is the widest the four-band index finds with one-bit probes, and keeps
 * a wide gap below the other images of a run.
 */
export const SIMILAR_DISTANCE = 7;
const BANDS = 4;
const BAND_BITS = 16;

/** The four 16-bit bands of a perceptual hash (16 hex digits), most significant first. */
export function bandsOf(phash: string): number[] {
  if (!/^[0-9a-f]{16}$/.test(phash)) throw new Error(`not a 64-bit hash: ${phash}`);
  return Array.from({ length: BANDS }, (_, band) => Number.parseInt(phash.slice(band * 4, band * 4 + 4), 16));
}

function bitCount(n: number): number {
  let v = n >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** How many bits differ between two perceptual hashes (Hamming distance, 0–64). */
export function hashDistance(a: string, b: string): number {
  const high = Number.parseInt(a.slice(0, 8), 16) ^ Number.parseInt(b.slice(0, 8), 16);
  const low = Number.parseInt(a.slice(8), 16) ^ Number.parseInt(b.slice(8), 16);
  return bitCount(high) + bitCount(low);
}

/** A band's value and every value one bit away from it: what a lookup probes in that band's index. */
export function bandProbes(value: number): number[] {
  return [value, ...Array.from({ length: BAND_BITS }, (_, bit) => value ^ (1 << bit))];
}

/** A lookup's matches (image id → distance) and how many index rows it read to find them. */
export interface NearHashes {
  matches: Map<number, number>;
  examined: number;
}

/** The hashed images within `SIMILAR_DISTANCE` of a perceptual hash, found through the band indexes. */
export function nearHashes(db: Library, phash: string): NearHashes {
  const matches = new Map<number, number>();
  let examined = 0;
  bandsOf(phash).forEach((value, band) => {
    const rows = statement(db, `SELECT image_id AS id, phash FROM image_hashes WHERE band${band} IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(bandProbes(value)),
    ) as { id: number; phash: string }[];
    examined += rows.length;
    for (const row of rows) {
      if (matches.has(row.id)) continue;
      const distance = hashDistance(phash, row.phash);
      if (distance <= SIMILAR_DISTANCE) matches.set(row.id, distance);
    }
  });
  return { matches, examined };
}

/**
 * Stores an image's hashes and pairs it with the near copies already hashed. Call inside the
 * transaction that saves the image, so an image is never saved without its hashes.
 */
export function recordImageHashes(db: Library, imageId: number, fingerprint: Fingerprint): void {
  const near = nearHashes(db, fingerprint.perceptual).matches;
  const bands = bandsOf(fingerprint.perceptual);
  statement(db, 'INSERT OR REPLACE INTO image_hashes (image_id, pixel_sha256, phash, band0, band1, band2, band3) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    imageId, fingerprint.pixelSha256, fingerprint.perceptual, ...bands,
  );
  // the same pixels always have the same perceptual hash, so exact copies are among the near ones
  const pair = statement(db, 'INSERT OR REPLACE INTO similar_images (first, second, distance) VALUES (?, ?, ?)');
  for (const [other, distance] of near) {
    if (other !== imageId) pair.run(Math.min(other, imageId), Math.max(other, imageId), distance);
  }
}

/** The image id of a generation's image, or undefined when it is not in the library. */
export function imageIdOf(db: Library, generationId: number, index: number): number | undefined {
  return (statement(db, 'SELECT id FROM images WHERE generation_id = ? AND idx = ?').pluck().get(generationId, index) as number | undefined) ?? undefined;
}

/** Whether an image with these exact pixels is in the library already (deleted ones waiting in the trash count). */
export function pixelsInLibrary(db: Library, pixelSha256: string): boolean {
  return statement(db, 'SELECT 1 FROM image_hashes WHERE pixel_sha256 = ? LIMIT 1').get(pixelSha256) !== undefined;
}

interface ShownRow {
  id: number;
  generation_id: number;
  idx: number;
  file: string;
  thumbnail: string | null;
  width: number | null;
  height: number | null;
  prompt: string;
  favorite: number;
  rating: number | null;
  rejected: number;
  pixel_sha256: string;
  phash: string;
}

/** The images of these ids the library shows (saved, not deleted, their generation not binned), oldest first. */
function shownImages(db: Library, ids: readonly number[]): ShownRow[] {
  return statement(
    db,
    `SELECT i.id, i.generation_id, i.idx, i.file, i.thumbnail, i.width, i.height, g.effective_prompt AS prompt, i.favorite, i.rating,
       i.rejected, h.pixel_sha256, h.phash
     FROM images i JOIN generations g ON g.id = i.generation_id JOIN image_hashes h ON h.image_id = i.id
     WHERE i.id IN (SELECT value FROM json_each(?)) AND i.state = 'done' AND i.file IS NOT NULL AND i.deleted_at IS NULL
       AND g.deleted_at IS NULL
     ORDER BY g.created_at, i.generation_id, i.idx`,
  ).all(JSON.stringify(ids)) as ShownRow[];
}

function similarOf(row: ShownRow, to: { pixel_sha256: string; phash: string }): SimilarImage {
  return {
    generationId: row.generation_id,
    index: row.idx,
    file: row.file,
    thumbnail: row.thumbnail,
    width: row.width,
    height: row.height,
    prompt: row.prompt,
    favorite: row.favorite === 1,
    rating: row.rating as SimilarImage['rating'],
    rejected: row.rejected === 1,
    distance: hashDistance(row.phash, to.phash),
    exact: row.pixel_sha256 === to.pixel_sha256,
  };
}

/**
 * "Find similar": the images shown in the library that look like this one (itself left out),
 * closest first. Empty while the image is not hashed yet (the backfill reaches it).
 */
export function findSimilarImages(db: Library, generationId: number, index: number): SimilarImage[] {
  const id = imageIdOf(db, generationId, index);
  const own = id === undefined ? undefined : (statement(db, 'SELECT pixel_sha256, phash FROM image_hashes WHERE image_id = ?').get(id) as { pixel_sha256: string; phash: string } | undefined);
  if (id === undefined || own === undefined) return [];
  const near = nearHashes(db, own.phash).matches;
  near.delete(id);
  return shownImages(db, [...near.keys()])
    .map((row) => similarOf(row, own))
    .sort((a, b) => a.distance - b.distance);
}

/** At most this many groups in the Duplicates view (the newest pairs first). */
export const DUPLICATE_GROUPS_MAX = 200;
/** The pairs read for one view: bounded, so a library of look-alikes cannot make the view unbounded. */
const PAIRS_MAX = 20_000;

/**
 * The Duplicates view: the stored pairs joined into groups (a copy of a copy is one group), each
 * oldest first, exact when all its images have the same pixels. Reads only the pairs (runs on a
 * reader thread), never compares hashes across the library.
 */
export function duplicateGroups(db: Library): { groups: DuplicateGroup[]; truncated: boolean } {
  const pairs = statement(db, 'SELECT first, second FROM similar_images ORDER BY second DESC LIMIT ?').all(PAIRS_MAX + 1) as { first: number; second: number }[];
  let truncated = pairs.length > PAIRS_MAX;
  const parent = new Map<number, number>();
  const root = (id: number): number => {
    let at = id;
    while (parent.has(at) && parent.get(at) !== at) at = parent.get(at) as number;
    parent.set(id, at);
    return at;
  };
  for (const { first, second } of pairs.slice(0, PAIRS_MAX)) {
    if (!parent.has(first)) parent.set(first, first);
    if (!parent.has(second)) parent.set(second, second);
    const a = root(first);
    const b = root(second);
    if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
  }
  const members = new Map<number, number[]>();
  for (const id of parent.keys()) {
    const r = root(id);
    members.set(r, [...(members.get(r) ?? []), id]);
  }
  const groups: DuplicateGroup[] = [];
  // newest groups first: a group's newest image decides
  const ordered = [...members.values()].sort((a, b) => Math.max(...b) - Math.max(...a));
  for (const ids of ordered) {
    if (groups.length >= DUPLICATE_GROUPS_MAX) {
      truncated = true;
      break;
    }
    const rows = shownImages(db, ids);
    const first = rows[0];
    if (first === undefined || rows.length < 2) continue;
    groups.push({ exact: rows.every((row) => row.pixel_sha256 === first.pixel_sha256), images: rows.map((row) => similarOf(row, first)) });
  }
  return { groups, truncated };
}
