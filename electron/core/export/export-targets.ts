import { createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { ZipWriter } from './zip-writer.ts';

/**
 * Where an export's files go. Everything is built under a temporary name and moved into place by
 * `finish`, so `discard` (a cancel or a failure) leaves nothing half-written behind.
 */
export interface ExportTarget {
  /** A folder for the manifests while they grow (removed or moved by finish/discard). */
  readonly workDir: string;
  addFile(name: string, source: string, modifiedAt: number): Promise<void>;
  /** Adds bytes held in memory: a sidecar's text, or one converted image. */
  addBytes(name: string, bytes: Buffer, modifiedAt: number): Promise<void>;
  /** Puts everything in place; returns the folder or ZIP file made. */
  finish(manifests: readonly string[], modifiedAt: number): Promise<string>;
  discard(): Promise<void>;
}

/** A name for a new folder that is not taken yet in `destination`. */
function freeFolderName(destination: string, createdAt: number): string {
  const stamp = new Date(createdAt).toISOString().slice(0, 16).replace('T', ' ').replace(':', '-');
  const base = `Atelier export ${stamp}`;
  let name = base;
  for (let n = 2; existsSync(path.join(destination, name)); n += 1) name = `${base} (${n})`;
  return name;
}

/** An export as a new folder inside `destination`, built in a hidden folder beside it. */
export async function folderTarget(destination: string, startedAt: number): Promise<ExportTarget> {
  const finalName = freeFolderName(destination, startedAt);
  const staging = path.join(destination, `.${finalName}.partial`);
  await mkdir(staging, { recursive: true });
  return {
    workDir: staging,
    addFile: (name, source) => copyFile(source, path.join(staging, name)),
    addBytes: (name, bytes) => writeFile(path.join(staging, name), bytes),
    finish: async () => {
      const folder = path.join(destination, finalName);
      await rename(staging, folder);
      return folder;
    },
    discard: () => rm(staging, { recursive: true, force: true }),
  };
}

/** An export as one streamed ZIP file at `zipFile`, written under a temporary name beside it. */
export function zipTarget(zipFile: string): Promise<ExportTarget> {
  const partial = `${zipFile}.partial`;
  return zipInto(() => createWriteStream(partial), `${zipFile}.partial.d`, {
    landed: async () => {
      await rename(partial, zipFile);
      return zipFile;
    },
    dropped: () => rm(partial, { force: true }),
  });
}

/**
 * An export as a ZIP streamed into `out` (the preview's download: the browser saves it), its
 * manifests growing in `workDir` (inside the library's temp folder) until they end the archive.
 * A discard cuts the stream, so the browser marks the download failed rather than keeping half.
 */
export function streamTarget(out: Writable, workDir: string): Promise<ExportTarget> {
  return zipInto(() => out, workDir, { landed: () => Promise.resolve('your browser’s downloads'), dropped: () => Promise.resolve() });
}

/** What becomes of a ZIP's output once the archive is complete (`landed`, says where it went) or abandoned (`dropped`). */
interface ZipEnds {
  landed(): Promise<string>;
  dropped(): Promise<void>;
}

/**
 * A ZIP written into the stream `open` makes (opened once `workDir` exists, and handed to the
 * writer at once so its errors are heard), the manifests growing in `workDir` until they end it.
 */
async function zipInto(open: () => Writable, workDir: string, ends: ZipEnds): Promise<ExportTarget> {
  await mkdir(workDir, { recursive: true });
  const zip = new ZipWriter(open());
  return {
    workDir,
    addFile: (name, source, modifiedAt) => zip.addFile(name, source, modifiedAt),
    addBytes: (name, bytes, modifiedAt) => zip.addBytes(name, bytes, modifiedAt),
    finish: async (manifests, modifiedAt) => {
      for (const name of manifests) await zip.addFile(name, path.join(workDir, name), modifiedAt);
      await zip.finish();
      const where = await ends.landed();
      await rm(workDir, { recursive: true, force: true });
      return where;
    },
    discard: async () => {
      await zip.abandon();
      await ends.dropped();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
