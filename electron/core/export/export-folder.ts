import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DEFAULT_NAME_TEMPLATE, nameFromTemplate, uniqueNames } from '../../../shared/export-names.ts';
import type { Generation } from '../../../shared/generation.ts';
import { exportablePage, exportTotals, findGeneration } from '../library/index.ts';
import type { Library } from '../library/database.ts';
import { toAbsolutePath } from '../media/layout.ts';
import { csvHeader, csvLine, jsonLine, manifestRow } from './manifest.ts';

/** How far an export has come: pushed while it runs. */
export interface ExportProgress {
  images: number;
  totalImages: number;
  bytes: number;
  totalBytes: number;
  /** Estimated milliseconds left; null until there is something to estimate from. */
  msLeft: number | null;
}

export interface FolderExport {
  db: Library;
  dataDir: string;
  /** The generations to export, or null for the whole library. */
  generationIds: readonly number[] | null;
  /** The folder the artist chose: the export becomes one new folder inside it. */
  destination: string;
  template?: string;
  /** Also write `<image>.json` beside each image with its manifest row. */
  sidecars?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  now?: () => number;
}

export type ExportOutcome =
  | { status: 'done'; folder: string; images: number; bytes: number }
  | { status: 'cancelled' };

const PAGE = 200;
/** Progress goes out at most this often, so 10,000 images do not flood the renderer. */
const PROGRESS_EVERY_MS = 100;

/** A name for the new folder that is not taken yet in `destination`. */
function freeFolderName(destination: string, createdAt: number): string {
  const stamp = new Date(createdAt).toISOString().slice(0, 16).replace('T', ' ').replace(':', '-');
  const base = `Atelier export ${stamp}`;
  let name = base;
  for (let n = 2; existsSync(path.join(destination, name)); n += 1) name = `${base} (${n})`;
  return name;
}

async function* generationsOf(job: FolderExport): AsyncGenerator<Generation> {
  if (job.generationIds !== null) {
    for (const id of job.generationIds) {
      const generation = findGeneration(job.db, id);
      if (generation !== undefined) yield generation;
    }
    return;
  }
  for (let after = 0; ;) {
    const ids = exportablePage(job.db, after, PAGE);
    if (ids.length === 0) return;
    for (const id of ids) {
      const generation = findGeneration(job.db, id);
      if (generation !== undefined) yield generation;
    }
    after = ids[ids.length - 1]!;
  }
}

/** A manifest file being written; a write error (full disk) is kept and thrown at the next write, never left unhandled. */
function manifestFile(file: string): { stream: WriteStream; error: () => unknown } {
  let failure: unknown;
  const stream = createWriteStream(file).on('error', (error) => { failure ??= error; });
  return { stream, error: () => failure };
}

async function write(file: { stream: WriteStream; error: () => unknown }, text: string): Promise<void> {
  if (file.error() !== undefined) throw file.error();
  if (!file.stream.write(text)) await once(file.stream, 'drain');
}

async function end(file: { stream: WriteStream; error: () => unknown }): Promise<void> {
  if (file.error() !== undefined) throw file.error();
  file.stream.end();
  await once(file.stream, 'close');
  if (file.error() !== undefined) throw file.error();
}

/**
 * Exports the stored images with a JSON Lines and a CSV manifest (and optional sidecars) into a new
 * folder inside `destination`. The work happens in a hidden folder renamed into place at the end,
 * so a cancelled or failed export leaves nothing behind; files are copied asynchronously and the
 * core's thread gets a turn between images, so it never blocks.
 */
export async function exportToFolder(job: FolderExport): Promise<ExportOutcome> {
  const now = job.now ?? Date.now;
  const started = now();
  const totals = exportTotals(job.db, job.generationIds);
  const finalName = freeFolderName(job.destination, started);
  const staging = path.join(job.destination, `.${finalName}.partial`);
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

  await mkdir(staging, { recursive: true });
  const jsonl = manifestFile(path.join(staging, 'manifest.jsonl'));
  const csv = manifestFile(path.join(staging, 'manifest.csv'));
  try {
    report(true);
    await write(csv, csvHeader());
    const nameFor = uniqueNames();
    const template = job.template ?? DEFAULT_NAME_TEMPLATE;
    for await (const generation of generationsOf(job)) {
      for (const image of generation.images) {
        if (job.signal?.aborted === true) throw job.signal.reason;
        if (image.state !== 'done' || image.file === null) continue;
        const stem = nameFromTemplate(template, {
          createdAt: generation.createdAt, prompt: generation.params.prompt, seed: generation.effective.seed,
          index: image.index, generationId: generation.id,
        });
        const file = nameFor(stem, path.extname(image.file).slice(1) || 'png');
        await copyFile(toAbsolutePath(job.dataDir, image.file), path.join(staging, file));
        const row = manifestRow(generation, image, file);
        if (job.sidecars === true) await writeFile(path.join(staging, `${file}.json`), `${JSON.stringify(row, null, 2)}\n`);
        await write(jsonl, jsonLine(row));
        await write(csv, csvLine(row));
        progress.images += 1;
        progress.bytes += image.bytes ?? 0;
        report(false);
        await nextTurn();
      }
    }
    await end(jsonl);
    await end(csv);
    const folder = path.join(job.destination, finalName);
    await rename(staging, folder);
    report(true);
    return { status: 'done', folder, images: progress.images, bytes: progress.bytes };
  } catch (error) {
    // closed before removal: Windows refuses to delete a file that is still open
    await Promise.all([jsonl, csv].map(async ({ stream }) => {
      if (stream.closed) return;
      const closed = once(stream, 'close');
      stream.destroy();
      await closed.catch(() => undefined);
    }));
    await rm(staging, { recursive: true, force: true });
    if (job.signal?.aborted === true) return { status: 'cancelled' };
    throw error;
  }
}
