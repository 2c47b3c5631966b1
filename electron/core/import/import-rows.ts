import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { collectionNamed, fileImages } from '../library/collections.ts';
import type { Library } from '../library/database.ts';
import { pixelsInLibrary, recordImageHashes } from '../library/similar.ts';
import { addTag } from '../library/tags.ts';
import { statement } from '../library/statements.ts';
import { SETTINGS_COLUMNS, SETTINGS_PLACEHOLDERS, settingsValues } from '../library/settings-row.ts';
import type { Fingerprint } from '../media/fingerprint.ts';
import { imagePath, toAbsolutePath, type ImageExtension } from '../media/layout.ts';
import type { ImportedGeneration } from './describe.ts';

/** The import's rows: the run and its journal of files, duplicates by hash, and the generations made. */

export type FileOutcome = 'imported' | 'duplicate' | 'unreadable';

/** Starts a run for a folder; returns its id. */
export function startRun(db: Library, folder: string, now: number): number {
  return Number(statement(db, 'INSERT INTO import_runs (folder, started_at) VALUES (?, ?)').run(folder, now).lastInsertRowid);
}

/** Runs cut off by a crash or a quit, oldest first: they go on at the next start. */
export function unfinishedRuns(db: Library): { id: number; folder: string }[] {
  return statement(db, 'SELECT id, folder FROM import_runs WHERE finished_at IS NULL ORDER BY id').all() as { id: number; folder: string }[];
}

/** Marks a run finished. */
export function finishRun(db: Library, runId: number, now: number): void {
  statement(db, 'UPDATE import_runs SET finished_at = ? WHERE id = ?').run(now, runId);
}

/** The names of the files a run has dealt with already. */
export function filesDone(db: Library, runId: number): Set<string> {
  const rows = statement(db, 'SELECT name FROM import_files WHERE run_id = ?').all(runId) as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

/** Writes down what happened to one file (imported files are written with their rows, in `insertImported`). */
export function recordFile(db: Library, runId: number, name: string, outcome: FileOutcome, reason: string | null = null): void {
  statement(db, 'INSERT OR REPLACE INTO import_files (run_id, name, outcome, reason) VALUES (?, ?, ?, ?)').run(runId, name, outcome, reason);
}

/** A run's report: how many files went each way, and why each unreadable one was. */
export function runReport(db: Library, runId: number): { imported: number; duplicates: number; unreadable: { file: string; reason: string }[] } {
  const rows = statement(db, 'SELECT name, outcome, reason FROM import_files WHERE run_id = ? ORDER BY name').all(runId) as {
    name: string;
    outcome: FileOutcome;
    reason: string | null;
  }[];
  return {
    imported: rows.filter((r) => r.outcome === 'imported').length,
    duplicates: rows.filter((r) => r.outcome === 'duplicate').length,
    unreadable: rows.filter((r) => r.outcome === 'unreadable').map((r) => ({ file: r.name, reason: r.reason ?? '' })),
  };
}

/** Whether the library already holds this picture: the same stored file, the same bytes as served, or the same pixels. */
export function alreadyInLibrary(db: Library, picture: Pick<CopiedPicture, 'fileSha256' | 'fingerprint'>, servedSha256: string | null): boolean {
  return (
    statement(db, 'SELECT 1 FROM images WHERE file_sha256 = ? OR sha256 = ? LIMIT 1').get(picture.fileSha256, picture.fileSha256) !== undefined ||
    (servedSha256 !== null && statement(db, 'SELECT 1 FROM images WHERE sha256 = ? LIMIT 1').get(servedSha256) !== undefined) ||
    pixelsInLibrary(db, picture.fingerprint.pixelSha256)
  );
}

/** The generation an image's group already became: in this run, or in the library by its Kinovi task or Midjourney job. */
function groupGeneration(db: Library, runId: number, described: ImportedGeneration): number | undefined {
  const inRun = statement(db, 'SELECT generation_id AS id FROM import_groups WHERE run_id = ? AND group_key = ?').get(runId, described.groupKey) as
    | { id: number }
    | undefined;
  if (inRun) return inRun.id;
  const byTask = described.taskId === null ? undefined : (statement(db, 'SELECT id FROM generations WHERE task_id = ?').get(described.taskId) as { id: number } | undefined);
  if (byTask) return byTask.id;
  const byJob =
    described.midjourneyJobId === null
      ? undefined
      : (statement(db, 'SELECT id FROM generations WHERE midjourney_job_id = ?').get(described.midjourneyJobId) as { id: number } | undefined);
  return byJob?.id;
}

function insertGenerationRow(db: Library, d: ImportedGeneration, now: number): number {
  const info = statement(
    db,
    `INSERT INTO generations (${SETTINGS_COLUMNS}, request_body, status, credits, task_id, favorite, source, midjourney_job_id,
       created_at, updated_at, submitted_at, completed_at)
     VALUES (${SETTINGS_PLACEHOLDERS}, '{}', 'done', ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
  ).run(
    ...settingsValues(d.params, d.effective), d.credits, d.taskId, d.source, d.midjourneyJobId, d.createdAt, now, d.submittedAt, d.completedAt,
  );
  return Number(info.lastInsertRowid);
}

export interface CopiedPicture {
  /** The copy in the library's temp folder, renamed into place with the rows. */
  temp: string;
  extension: ImageExtension;
  fileSha256: string;
  /** Its pixel and perceptual hashes: the same pixels in another file are a duplicate too. */
  fingerprint: Fingerprint;
  bytes: number;
  width: number;
  height: number;
}

/**
 * Adds one imported picture in one transaction: its generation (made, or found for its group), its
 * image row, the file moved from the temp folder to its library path, and the journal line. Answers
 * the image's library path, or null when its generation already holds four images.
 */
export function insertImported(
  db: Library, dataDir: string, runId: number, name: string, described: ImportedGeneration, picture: CopiedPicture, now: number,
): { generationId: number; createdAt: number; index: number; file: string } | null {
  return db.transaction(() => {
    let generationId = groupGeneration(db, runId, described);
    let created = false;
    if (generationId === undefined) {
      generationId = insertGenerationRow(db, described, now);
      created = true;
      statement(db, 'INSERT INTO import_groups (run_id, group_key, generation_id, parent_key) VALUES (?, ?, ?, ?)').run(
        runId, described.groupKey, generationId, described.parentKey,
      );
    } else {
      statement(db, 'INSERT OR IGNORE INTO import_groups (run_id, group_key, generation_id, parent_key) VALUES (?, ?, ?, ?)').run(
        runId, described.groupKey, generationId, described.parentKey,
      );
    }
    const taken = new Set((statement(db, 'SELECT idx FROM images WHERE generation_id = ?').all(generationId) as { idx: number }[]).map((r) => r.idx));
    const wanted = described.index !== null && !taken.has(described.index) ? described.index : [0, 1, 2, 3].find((i) => !taken.has(i));
    if (wanted === undefined) {
      if (created) statement(db, 'DELETE FROM generations WHERE id = ?').run(generationId);
      return null;
    }
    const createdAt = (statement(db, 'SELECT created_at AS at FROM generations WHERE id = ?').get(generationId) as { at: number }).at;
    const file = imagePath({ generationId, index: wanted, createdAt }, picture.extension);
    const { favorite, rating, rejected } = described.curation;
    // the generation's favourite and best rating follow from its images (the triggers of migration 8)
    const image = statement(
      db,
      `INSERT INTO images (generation_id, idx, file, width, height, bytes, sha256, file_sha256, state, favorite, rating, rejected)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'done', ?, ?, ?)`,
    ).run(
      generationId, wanted, file, picture.width, picture.height, picture.bytes, described.sha256 ?? picture.fileSha256, picture.fileSha256,
      favorite ? 1 : 0, rating, rejected ? 1 : 0,
    );
    recordImageHashes(db, Number(image.lastInsertRowid), picture.fingerprint);
    // by name, so a second image of the generation or a second import files nothing twice
    for (const tag of described.tags) addTag(db, [generationId], tag, now);
    for (const name of described.collections) fileImages(db, collectionNamed(db, name, now), [[generationId, 1 << wanted]], { now });
    statement(db, "INSERT OR REPLACE INTO import_files (run_id, name, outcome, reason) VALUES (?, ?, 'imported', NULL)").run(runId, name);
    // last, so a failure before it leaves no file in the library; a crash after it but before the
    // commit leaves a file the next import of this generation id overwrites
    const absolute = toAbsolutePath(dataDir, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    renameSync(picture.temp, absolute);
    return { generationId, createdAt, index: wanted, file };
  })();
}

/** Links the generations of one run to the parents their export named (lineage), once every group exists. */
export function linkParents(db: Library, runId: number): void {
  statement(
    db,
    `UPDATE generations SET parent_id = (
       SELECT p.generation_id FROM import_groups c JOIN import_groups p ON p.run_id = c.run_id AND p.group_key = c.parent_key
       WHERE c.run_id = ? AND c.generation_id = generations.id)
     WHERE parent_id IS NULL AND id IN (SELECT generation_id FROM import_groups WHERE run_id = ? AND parent_key IS NOT NULL)`,
  ).run(runId, runId);
}

/** Sets the thumbnail of an imported image once it is made. */
export function setThumbnail(db: Library, generationId: number, index: number, thumbnail: string): void {
  statement(db, 'UPDATE images SET thumbnail = ? WHERE generation_id = ? AND idx = ?').run(thumbnail, generationId, index);
}
