import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExportProgress, ExportResult } from '../../../shared/contract.ts';
import type { ExportPicture } from '../../../shared/export-picture.ts';
import { DEFAULT_NAME_TEMPLATE, nameFromTemplate, uniqueNames } from '../../../shared/export-names.ts';
import type { Generation } from '../../../shared/generation.ts';
import { collectionNamesByImage, filedImages } from '../library/collections.ts';
import type { ImageRef } from '../../../shared/curation.ts';
import { exportableOf, exportablePage, exportTotals, generationsOfImages, pickedKey } from '../library/export-list.ts';
import { findGeneration } from '../library/generations.ts';
import { tagNamesOf } from '../library/tags.ts';
import type { Library } from '../library/database.ts';
import { toAbsolutePath } from '../media/layout.ts';
import { newTempPath } from '../media/temp-files.ts';
import { CONVERTED_EXTENSION, convertPicture } from './convert-picture.ts';
import { folderTarget, streamTarget, zipTarget, type ExportTarget } from './export-targets.ts';
import { csvHeader, csvLine, jsonLine, manifestRow, type ExportedFile } from './manifest.ts';
import { WatchedStream } from './watched-stream.ts';

export interface ExportJob {
  db: Library;
  dataDir: string;
  /** The generations to export, or null for the whole library; replaced by the generations of `images` when those are given. */
  generationIds: readonly number[] | null;
  /** Picked images: exactly these go (still only saved ones, rejected ones only with `includeRejected`). */
  images?: readonly ImageRef[] | undefined;
  /** A new folder inside an existing one, one ZIP file (its full path), or a ZIP streamed out (the preview's download). */
  destination: { kind: 'folder'; folder: string } | { kind: 'zip'; file: string } | { kind: 'stream'; out: Writable };
  template?: string | undefined;
  /** Also write `<image>.json` beside each image with its manifest row. */
  sidecars?: boolean | undefined;
  /** The stored files as they are (the default), or each converted to JPEG/WebP. */
  picture?: ExportPicture | undefined;
  /** Rejected images too ("Include rejected"); left out otherwise, as the gallery hides them. */
  includeRejected?: boolean | undefined;
  /** A collection's export: only the images filed in it. */
  collectionId?: number | undefined;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  now?: () => number;
}

const PAGE = 200;
/** Progress goes out at most this often, so 10,000 images do not flood the renderer. */
const PROGRESS_EVERY_MS = 100;
const MANIFESTS = ['manifest.jsonl', 'manifest.csv'] as const;

/** The generations an export walks: those of the picked images, the chosen ones, or null for the whole library. */
const chosenGenerations = (job: ExportJob): readonly number[] | null => (job.images === undefined ? job.generationIds : generationsOfImages(job.images));

async function* generationsOf(job: ExportJob): AsyncGenerator<Generation> {
  const chosen = chosenGenerations(job);
  if (chosen !== null) {
    // the same generations the totals counted: binned ones stay out, as they are out of the gallery
    for (const id of exportableOf(job.db, chosen, job)) {
      const generation = findGeneration(job.db, id);
      if (generation !== undefined) yield generation;
    }
    return;
  }
  for (let after = 0; ;) {
    const ids = exportablePage(job.db, after, PAGE, job);
    if (ids.length === 0) return;
    for (const id of ids) {
      const generation = findGeneration(job.db, id);
      if (generation !== undefined) yield generation;
    }
    after = ids[ids.length - 1]!;
  }
}

/** A manifest file being written; a write error (full disk) is kept and thrown at the next write, never left unhandled. */
class ManifestFile extends WatchedStream {
  constructor(file: string) {
    super(createWriteStream(file));
  }

  async write(text: string): Promise<void> {
    this.check();
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
}

/**
 * Exports the stored images with a JSON Lines and a CSV manifest (and optional sidecars) to a new
 * folder or a streamed ZIP. Built under a temporary name and moved into place at the end, so a
 * cancelled or failed export leaves nothing behind; files are read asynchronously and the core's
 * thread gets a turn between images, so it never blocks.
 */
export async function exportImages(job: ExportJob): Promise<ExportResult> {
  const now = job.now ?? Date.now;
  const started = now();
  const totals = exportTotals(job.db, chosenGenerations(job), job);
  const picked = job.images === undefined ? null : new Set(job.images.map((ref) => pickedKey(ref.generationId, ref.index)));
  const progress: ExportProgress = { images: 0, totalImages: totals.images, bytes: 0, totalBytes: totals.bytes, msLeft: null };
  let lastReport = -Infinity;
  const report = (force: boolean) => {
    const at = now();
    if (!force && at - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = at;
    const rate = progress.bytes / Math.max(1, at - started);
    progress.msLeft = progress.bytes === 0 ? null : Math.round((progress.totalBytes - progress.bytes) / Math.max(rate, 1e-9));
    job.onProgress?.({ ...progress });
  };

  const target: ExportTarget = job.destination.kind === 'folder'
    ? await folderTarget(job.destination.folder, started)
    : job.destination.kind === 'zip'
      ? await zipTarget(job.destination.file)
      : await streamTarget(job.destination.out, await newTempPath(job.dataDir, 'export-manifests'));
  const jsonl = new ManifestFile(path.join(target.workDir, MANIFESTS[0]));
  const csv = new ManifestFile(path.join(target.workDir, MANIFESTS[1]));
  try {
    report(true);
    await csv.write(csvHeader());
    const nameFor = uniqueNames();
    const template = job.template ?? DEFAULT_NAME_TEMPLATE;
    const picture = job.picture ?? { format: 'original' };
    for await (const generation of generationsOf(job)) {
      const filed = job.collectionId === undefined ? null : filedImages(job.db, job.collectionId, generation.id);
      const tags = tagNamesOf(job.db, generation.id);
      const collections = collectionNamesByImage(job.db, generation.id);
      for (const image of generation.images) {
        if (job.signal?.aborted === true) throw job.signal.reason;
        if (image.state !== 'done' || image.file === null || (image.rejected && job.includeRejected !== true)) continue;
        if (filed !== null && (filed & (1 << image.index)) === 0) continue;
        if (picked !== null && !picked.has(pickedKey(generation.id, image.index))) continue;
        const stem = nameFromTemplate(template, {
          createdAt: generation.createdAt, prompt: generation.params.prompt, seed: generation.effective.seed,
          index: image.index, generationId: generation.id,
        });
        const stored = toAbsolutePath(job.dataDir, image.file);
        const modifiedAt = generation.completedAt ?? generation.createdAt;
        let file: string;
        let exported: ExportedFile | null = null;
        if (picture.format === 'original') {
          file = nameFor(stem, path.extname(image.file).slice(1) || 'png');
          await target.addFile(file, stored, modifiedAt);
        } else {
          const converted = await convertPicture(stored, picture, generation);
          file = nameFor(stem, CONVERTED_EXTENSION[picture.format]);
          await target.addBytes(file, converted.bytes, modifiedAt);
          exported = { format: picture.format, width: converted.width, height: converted.height, bytes: converted.bytes.length, sha256: converted.sha256 };
        }
        const row = manifestRow(generation, image, file, { tags, collections: collections[image.index] ?? [] }, exported);
        if (job.sidecars === true) await target.addBytes(`${file}.json`, Buffer.from(`${JSON.stringify(row, null, 2)}\n`), modifiedAt);
        await jsonl.write(jsonLine(row));
        await csv.write(csvLine(row));
        progress.images += 1;
        progress.bytes += image.bytes ?? 0;
        report(false);
        await nextTurn();
      }
    }
    await jsonl.end();
    await csv.end();
    const made = await target.finish(MANIFESTS, now());
    report(true);
    return { status: 'done', path: made, images: progress.images, bytes: progress.bytes };
  } catch (error) {
    await Promise.all([jsonl.abandon(), csv.abandon()]);
    await target.discard();
    if (job.signal?.aborted === true) return { status: 'cancelled' };
    throw error;
  }
}
