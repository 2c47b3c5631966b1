import type { Library } from './database.ts';
import { IMAGES_PER_GENERATION, type GridThumbnail, type ImageInfo } from '../../../shared/generation.ts';
import { Failure } from '../failure.ts';
import { IMAGE_COLUMNS, imageOf, SHOWN_IMAGE, type ImageRow } from './rows.ts';
import { statement } from './statements.ts';
import type { Fingerprint } from '../media/fingerprint.ts';
import { imageIdOf, recordImageHashes } from './similar.ts';

export interface RemoteImage {
  remoteUrl: string;
  width?: number | null;
  height?: number | null;
}

export interface SavedImage {
  /** Relative to the data folder. */
  file: string;
  thumbnail: string | null;
  /** Size of the stored file. */
  bytes: number;
  /** Hash of the bytes the API served. */
  sha256: string;
  /** Hash of the stored file (metadata included). */
  fileSha256: string;
  width: number | null;
  height: number | null;
  /** Its pixel and perceptual hashes (duplicates); null when they could not be computed (the image is kept). */
  fingerprint?: Fingerprint | null;
}

/**
 * Records a grid thumbnail just made (media/grid-thumbnail.ts), checked in the same transaction:
 * `gone` when the generation or one of the four images it shows was purged while it was made (the
 * caller removes the file: it holds a copy of a picture deleted for good), `kept` when another grid
 * was recorded meanwhile (the same file: left as it is). A trashed image or generation still has its
 * row: its grid goes with it when the trash is emptied (purge.ts).
 */
export function recordGridThumbnail(db: Library, generationId: number, grid: GridThumbnail): 'recorded' | 'kept' | 'gone' {
  return db.transaction(() => {
    const row = statement(
      db,
      `SELECT grid_thumbnail IS NOT NULL AS has, (SELECT count(*) FROM images WHERE generation_id = g.id AND state = 'done' AND thumbnail IS NOT NULL) AS saved
       FROM generations g WHERE id = ?`,
    ).get(generationId) as { has: number; saved: number } | undefined;
    if (row === undefined || row.saved !== IMAGES_PER_GENERATION) return 'gone';
    if (row.has === 1) return 'kept';
    statement(db, 'UPDATE generations SET grid_thumbnail = ?, grid_width = ?, grid_height = ? WHERE id = ?').run(grid.path, grid.width, grid.height, generationId);
    return 'recorded';
  })();
}

/**
 * Records the images a finished task offers (index = position, at most 4), pending download.
 * Calling it again (a resumed task) refreshes the URLs of images not yet saved and keeps saved ones.
 */
export function createImages(db: Library, generationId: number, images: readonly RemoteImage[]): ImageInfo[] {
  if (images.length > IMAGES_PER_GENERATION) throw new Failure('conflict', 'A generation has at most four images.', { generationId, count: images.length });
  const upsert = statement(
    db,
    `INSERT INTO images (generation_id, idx, remote_url, width, height, state) VALUES (?, ?, ?, ?, ?, 'pending')
     ON CONFLICT (generation_id, idx) DO UPDATE SET remote_url = excluded.remote_url, width = excluded.width,
       height = excluded.height, state = 'pending', error_message = NULL
     WHERE images.state <> 'done'`,
  );
  db.transaction(() => {
    if (statement(db, 'SELECT 1 FROM generations WHERE id = ?').get(generationId) === undefined) {
      throw new Failure('not_found', 'This generation is no longer in the library.', { generationId });
    }
    images.forEach((image, index) => upsert.run(generationId, index, image.remoteUrl, image.width ?? null, image.height ?? null));
  })();
  return listImages(db, generationId);
}

function changeOne(db: Library, sql: string, generationId: number, index: number, ...values: unknown[]): void {
  const info = statement(db, sql).run(...values, generationId, index);
  if (info.changes === 0) throw new Failure('not_found', 'This image is not in the library.', { generationId, index });
}

/** Records a file saved into the library folder (with its thumbnail, size and hash). */
export function markImageDownloaded(db: Library, generationId: number, index: number, saved: SavedImage): void {
  db.transaction(() => {
    changeOne(
      db,
      `UPDATE images SET state = 'done', file = ?, thumbnail = ?, bytes = ?, sha256 = ?, file_sha256 = ?, width = coalesce(?, width),
         height = coalesce(?, height), error_message = NULL WHERE generation_id = ? AND idx = ?`,
      generationId, index, saved.file, saved.thumbnail, saved.bytes, saved.sha256, saved.fileSha256, saved.width, saved.height,
    );
    const id = saved.fingerprint ? imageIdOf(db, generationId, index) : undefined;
    if (saved.fingerprint && id !== undefined) recordImageHashes(db, id, saved.fingerprint);
  })();
}

/** The remote link expired before the file was saved: it cannot be fetched any more. */
export function markImageExpired(db: Library, generationId: number, index: number, message: string): void {
  changeOne(db, "UPDATE images SET state = 'expired', error_message = ? WHERE generation_id = ? AND idx = ?", generationId, index, message);
}

/** The download failed for good (not an image, too large, a refused address) */
export function markImageFailed(db: Library, generationId: number, index: number, message: string): void {
  changeOne(db, "UPDATE images SET state = 'failed', error_message = ? WHERE generation_id = ? AND idx = ?", generationId, index, message);
}

/** The download did not work yet (network, disk) and will be tried again: stays pending, with the reason. */
export function markImageWaiting(db: Library, generationId: number, index: number, message: string): void {
  changeOne(db, "UPDATE images SET state = 'pending', error_message = ? WHERE generation_id = ? AND idx = ? AND state <> 'done'", generationId, index, message);
}

/** A generation's images in index order (deleted ones left out). */
export function listImages(db: Library, generationId: number): ImageInfo[] {
  const rows = statement(db, `SELECT ${IMAGE_COLUMNS} FROM images WHERE generation_id = ? AND ${SHOWN_IMAGE} ORDER BY idx`).all(generationId) as ImageRow[];
  return rows.map(imageOf);
}
