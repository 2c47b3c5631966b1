import { createReadStream, existsSync, statSync, type ReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import type { ImportProgress, ImportReport, ImportStatus } from '../../../shared/contract.ts';
import type { EventHub } from '../events.ts';
import { Failure } from '../failure.ts';
import type { Library } from '../library/database.ts';
import { readPngTextHead } from '../media/png-metadata.ts';
import { THUMBNAIL_EXTENSION, thumbnailPathFor, toAbsolutePath } from '../media/layout.ts';
import { replaceFile } from '../media/replace-file.ts';
import { newTempPath } from '../media/temp-files.ts';
import { makeThumbnail, writeThumbnail } from '../media/thumbnail.ts';
import { makeGridWhenWhole } from '../grids.ts';
import { Budget, PIXELS_AT_ONCE, workAhead } from '../media/work-ahead.ts';
import { fromAtelierChunk, fromMidjourney, fromPlainPicture, type ImportedGeneration } from './describe.ts';
import {
  alreadyInLibrary, filesDone, finishRun, insertImported, linkParents, recordFile, runReport, setThumbnail, startRun, unfinishedRuns,
} from './import-rows.ts';
import { fromManifestRow, readManifest, type ManifestImportRow } from './manifest-rows.ts';
import { PictureThreads } from './picture-threads.ts';
import { UnreadablePicture, type ReadPicture } from './read-picture.ts';
import { BadZip, readZipEntries, safeEntryName, unpackEntry, type ZipEntry } from './zip-reader.ts';

const PICTURE = /\.(?:png|jpe?g|webp)$/i;
/** More files than any folder an artist imports at once; a walk stops there rather than run away. */
const MAX_FILES = 1_000_000;
/** A manifest larger than this is not one Atelier wrote for a library (10,000 images make ~15 MB). */
const MANIFEST_MAX_BYTES = 256 * 1024 * 1024;

function inside(parent: string, child: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

const isZip = (source: string) => /\.zip$/i.test(source);

/** Why a folder or ZIP file cannot be imported, in the artist's words; null when it can. The path comes from the renderer. */
export function importFolderProblem(source: string, dataDir: string): string | null {
  if (!path.isAbsolute(source)) return 'Choose the full path of the folder or ZIP file to import (it starts at the top of a drive or at /).';
  const kind = existsSync(source) ? statSync(source) : null;
  if (isZip(source) ? !kind?.isFile() : !kind?.isDirectory()) return isZip(source) ? 'There is no ZIP file at that path.' : 'There is no folder at that path.';
  if (inside(dataDir, source) || inside(source, dataDir)) return 'That folder is, or holds, the library itself: choose a folder outside it.';
  return null;
}

/** Every picture file under `folder` (hidden files and folders left out), as forward-slash paths relative to it, sorted. */
async function picturesIn(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(folder, relative), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.') || found.length >= MAX_FILES) continue;
      const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(name);
      else if (entry.isFile() && PICTURE.test(entry.name)) found.push(name);
    }
  };
  await walk('');
  return found.sort();
}

async function manifestAt(file: string): Promise<Map<string, ManifestImportRow>> {
  let input: ReadStream | undefined;
  try {
    if ((await stat(file)).size > MANIFEST_MAX_BYTES) return new Map();
    input = createReadStream(file, { encoding: 'utf8' });
    return (await readManifest(createInterface({ input, crlfDelay: Infinity }))).rows;
  } catch {
    return new Map();
  } finally {
    input?.destroy();
  }
}

/** What an import reads: the pictures' names, the export's manifest if any, and a file to read for each name. */
interface ImportSource {
  names: string[];
  manifest: Map<string, ManifestImportRow>;
  /** A path to read the picture from; `done` lets go of it (an unpacked ZIP entry is removed). */
  open(name: string): Promise<{ file: string; done(): Promise<void> }>;
}

async function folderSource(folder: string): Promise<ImportSource> {
  const [names, manifest] = await Promise.all([picturesIn(folder), manifestAt(path.join(folder, 'manifest.jsonl'))]);
  return { names, manifest, open: async (name) => ({ file: path.join(folder, ...name.split('/')), done: async () => undefined }) };
}

async function zipSource(zip: string, dataDir: string): Promise<ImportSource> {
  const entries = new Map((await readZipEntries(zip)).filter((e) => safeEntryName(e.name)).map((e) => [e.name, e]));
  const unpack = async (entry: ZipEntry) => {
    const file = await newTempPath(dataDir, path.basename(entry.name));
    await unpackEntry(zip, entry, file);
    return { file, done: () => rm(file, { force: true }) };
  };
  let manifest = new Map<string, ManifestImportRow>();
  const manifestEntry = entries.get('manifest.jsonl');
  if (manifestEntry && manifestEntry.size <= MANIFEST_MAX_BYTES) {
    const unpacked = await unpack(manifestEntry);
    manifest = await manifestAt(unpacked.file);
    await unpacked.done();
  }
  const names = [...entries.keys()].filter((name) => PICTURE.test(name) && !name.split('/').some((part) => part.startsWith('.'))).sort();
  return {
    names: names.slice(0, MAX_FILES),
    manifest,
    open: async (name) => {
      try {
        return await unpack(entries.get(name)!);
      } catch (error) {
        throw error instanceof BadZip ? new UnreadablePicture(error.message) : error;
      }
    },
  };
}

function describe(name: string, read: ReadPicture, manifest: Map<string, ManifestImportRow>): ImportedGeneration {
  const row = manifest.get(name);
  if (row) return fromManifestRow(row);
  const picture = { name: path.basename(name), width: read.copied.width, height: read.copied.height, modifiedAt: read.modifiedAt };
  if (read.copied.extension === 'png') {
    let text: Record<string, string> = {};
    try {
      text = readPngTextHead(read.head);
    } catch {
      // the pixels decoded: a picture with unreadable text chunks is kept for its pixels
    }
    const atelier = text.atelier === undefined ? null : fromAtelierChunk(text.atelier, picture);
    if (atelier) return atelier;
    for (const keyword of ['Description', 'Comment', 'parameters']) {
      const midjourney = text[keyword] === undefined ? null : fromMidjourney(text[keyword], picture);
      if (midjourney) return midjourney;
    }
  }
  return fromPlainPicture(picture);
}

/** A file made ready to save: unreadable (with the reason), read (its temp copy, what it says, its thumbnail in the temp folder), or not begun (stopping). */
type Prepared =
  | { kind: 'stopped' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'read'; read: ReadPicture; described: ImportedGeneration; thumbnail: string | null };

/** A file that could not be read, with the reason the report gives. */
function unreadable(error: unknown): Prepared {
  return { kind: 'unreadable', reason: error instanceof UnreadablePicture ? error.message : 'Atelier could not read the file.' };
}

/** Removes what a prepared file left in the temp folder (not saved: a duplicate, or a run that stopped). */
async function letGo(prepared: Prepared): Promise<void> {
  if (prepared.kind !== 'read') return;
  await rm(prepared.read.copied.temp, { force: true });
  if (prepared.thumbnail !== null) await rm(prepared.thumbnail, { force: true });
}

export interface ImportsOptions {
  db: Library;
  dataDir: string;
  hub: EventHub;
  now?: () => number;
}

/**
 * Imports: copies pictures into the library (originals only read), a few files at once with the
 * work off the core's thread (copying, checking and hashing on the picture threads, decoding and
 * thumbnails on sharp's threads) and each saved in the folder's order in one short transaction, a
 * journal so a run cut off by a crash or quit goes on at the next start, and a report. One run at a time.
 */
export function createImports({ db, dataDir, hub, now = Date.now }: ImportsOptions) {
  const stop = new AbortController();
  let running: Promise<ImportReport | null> | null = null;
  /** What a window that opens late is told: the run under way, or the last report not yet seen. */
  let status: ImportStatus = { progress: null, report: null };
  const progressed = (progress: ImportProgress) => {
    status = { progress, report: null };
    hub.emit('import:progress', progress);
  };
  const ended = (report: ImportReport) => {
    status = { progress: null, report };
    hub.emit('import:finished', report);
  };

  /** Moves an imported picture's thumbnail from the temp folder to its place beside the library's thumbnails. */
  async function placeThumbnail(temp: string, image: { generationId: number; index: number; file: string }): Promise<void> {
    const thumbnail = thumbnailPathFor(image.file);
    try {
      const target = toAbsolutePath(dataDir, thumbnail);
      await mkdir(path.dirname(target), { recursive: true });
      await replaceFile(temp, target);
      setThumbnail(db, image.generationId, image.index, thumbnail);
    } catch (error) {
      await rm(temp, { force: true });
      console.error('[atelier] an imported picture has no thumbnail:', error);
    }
  }

  async function run(runId: number, folder: string): Promise<ImportReport | null> {
    let source: ImportSource;
    try {
      source = isZip(folder) ? await zipSource(folder, dataDir) : await folderSource(folder);
    } catch (error) {
      if (!(error instanceof BadZip)) throw error;
      finishRun(db, runId, now());
      throw new Failure('invalid_input', `That ZIP file cannot be read: ${error.message}`);
    }
    const { names, manifest } = source;
    const done = filesDone(db, runId);
    const counts = { imported: 0, duplicates: 0, unreadable: 0 };
    const progress = (): ImportProgress => ({ runId, folder, total: names.length, done: done.size, ...counts });
    progressed(progress());
    const threads = new PictureThreads();
    const pixels = new Budget(PIXELS_AT_ONCE);
    /** The slow part of a file, a few files ahead of the one being saved: copied, checked, hashed (on the picture threads), described, thumbnailed. */
    const prepare = async (name: string): Promise<Prepared> => {
      if (stop.signal.aborted) return { kind: 'stopped' };
      let opened: { file: string; done(): Promise<void> };
      try {
        opened = await source.open(name);
      } catch (error) {
        return unreadable(error);
      }
      try {
        // its size from the header alone (0 when it has none: the picture thread tells why), so a 100-megapixel picture is decoded alone
        const size = await sharp(opened.file).metadata().then((m) => m.width * m.height, () => 0);
        return await pixels.with(size, async () => {
          let read: ReadPicture;
          try {
            read = await threads.read(dataDir, opened.file);
          } catch (error) {
            return unreadable(error);
          }
          try {
            const described = describe(name, read, manifest);
            // a picture already in the library needs no thumbnail (whether it is one is asked again, in order, when saving)
            const thumbnail = alreadyInLibrary(db, read.copied, described.sha256) ? null : await thumbnailOf(read.copied.temp);
            return { kind: 'read', read, described, thumbnail };
          } catch (error) {
            await rm(read.copied.temp, { force: true });
            throw error;
          }
        });
      } finally {
        await opened.done();
      }
    };
    const thumbnailOf = async (picture: string): Promise<string | null> => {
      const temp = await newTempPath(dataDir, `thumbnail.${THUMBNAIL_EXTENSION}`);
      try {
        await writeThumbnail(picture, temp);
        return temp;
      } catch (error) {
        await rm(temp, { force: true });
        console.error('[atelier] an imported picture has no thumbnail:', error);
        return null;
      }
    };
    try {
      // saved one at a time in the folder's order, so the journal and every group come out as before
      for await (const { item: name, result } of workAhead(names.filter((n) => !done.has(n)), prepare, { discard: letGo })) {
        if (result.kind === 'stopped' || stop.signal.aborted) {
          await letGo(result);
          return null;
        }
        if (result.kind === 'unreadable') {
          recordFile(db, runId, name, 'unreadable', result.reason);
          counts.unreadable += 1;
        } else {
          const { read, described, thumbnail } = result;
          const inserted = alreadyInLibrary(db, read.copied, described.sha256)
            ? null
            : insertImported(db, dataDir, runId, name, described, read.copied, now());
          if (inserted === null) {
            await letGo(result);
            recordFile(db, runId, name, 'duplicate');
            counts.duplicates += 1;
          } else {
            counts.imported += 1;
            if (thumbnail !== null) await placeThumbnail(thumbnail, inserted);
            // seen in the library when read, gone from it since (its trash emptied): made now
            else await makeThumbnail(dataDir, inserted.file, thumbnailPathFor(inserted.file)).then(
              () => setThumbnail(db, inserted.generationId, inserted.index, thumbnailPathFor(inserted.file)),
              (error: unknown) => console.error('[atelier] an imported picture has no thumbnail:', error),
            );
            // its generation's fourth picture: the four in one grid thumbnail, as the queue makes for a run
            await makeGridWhenWhole(db, dataDir, { id: inserted.generationId, createdAt: inserted.createdAt });
          }
        }
        done.add(name);
        progressed(progress());
      }
    } finally {
      await threads.close();
    }
    linkParents(db, runId);
    finishRun(db, runId, now());
    const report: ImportReport = { runId, folder, ...runReport(db, runId) };
    ended(report);
    return report;
  }

  const exclusive = (work: () => Promise<ImportReport | null>) => {
    const job = work().finally(() => {
      if (running === job) running = null;
    });
    running = job;
    return job;
  };

  return {
    /** Checks the folder or ZIP file, imports it and answers the report when done (null when the core closed first: it goes on next start). */
    async start(folder: string): Promise<ImportReport | null> {
      if (running !== null) throw new Failure('conflict', 'An import is already running: wait for it to finish.');
      const problem = importFolderProblem(folder, dataDir);
      if (problem !== null) throw new Failure('invalid_input', problem);
      return exclusive(() => run(startRun(db, path.resolve(folder), now()), path.resolve(folder)));
    },
    /** Goes on with the runs a crash or quit cut off (call once the temp folder is swept). */
    resume(): void {
      const runs = unfinishedRuns(db);
      if (runs.length === 0 || running !== null) return;
      void exclusive(async () => {
        let last: ImportReport | null = null;
        for (const { id, folder } of runs) {
          if (importFolderProblem(folder, dataDir) !== null) {
            finishRun(db, id, now());
            continue;
          }
          last = await run(id, folder);
        }
        return last;
      }).catch((error: unknown) => console.error('[atelier] an import could not go on:', error));
    },
    /** The run under way, or the last report: for a window that opened after it was pushed. */
    status: (): ImportStatus => status,
    /** Stops after the file being copied; what is left goes on at the next start. */
    async close(): Promise<void> {
      stop.abort();
      await running?.catch(() => undefined);
    },
  };
}

export type Imports = ReturnType<typeof createImports>;
