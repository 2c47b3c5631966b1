/**
 * The reference uploads Atelier made, kept beside the library (`reference-uploads.json`): a run can
 * wait in the queue longer than an upload lives (24 h), and at send time the queue must know that
 * its reference is an upload, when it expires and where the same picture can be read again — a
 * library image, or a dropped file kept in `references/` (the staged parts are gone by then).
 * A plain file rather than a table: it is a cache of addresses, not part of the library's record.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ReferenceChoice } from '../../../shared/reference.ts';
import { writeFileAtomically } from '../atomic-file.ts';
import { PRIVATE_FILE_MODE } from '../private-files.ts';

/** Where the bytes of an upload can be read again. */
export type UploadSource = { kind: 'image'; generationId: number; index: number } | { kind: 'file'; file: string; contentType: string };

export interface KeptUpload {
  /** The address the form was given and the run saved (the row's reference; reruns carry it too). */
  chosenUrl: string;
  /** The upload alive for it now: the chosen one, or the one made when it ran out. */
  url: string;
  expiresAt: number;
  source: UploadSource;
}

export interface KeptUploads {
  /** Remembers an upload just made for the form. */
  remember(choice: ReferenceChoice, source: UploadSource): void;
  /** Keeps a dropped file's bytes so it can be uploaded again; answers its source. */
  keepFile(bytes: Buffer, extension: string, contentType: string): UploadSource;
  /** The upload behind a reference address the form was given, if Atelier made it. */
  find(chosenUrl: string): KeptUpload | undefined;
  /** Records the new upload made for `chosenUrl` when the old one ran out. */
  renewed(chosenUrl: string, choice: ReferenceChoice): void;
  /** The absolute path of a kept file. */
  filePath(source: Extract<UploadSource, { kind: 'file' }>): string;
}

/** Entries whose upload ended this long ago are forgotten (with their kept file): no queued run waits that long. */
export const KEPT_UPLOAD_DAYS = 30;
const FILE_NAME = 'reference-uploads.json';
const FOLDER = 'references';

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), generationId: z.number().int().positive(), index: z.number().int().min(0).max(3) }),
  z.object({ kind: z.literal('file'), file: z.string().regex(/^[0-9a-f]{64}\.(png|jpg|webp)$/), contentType: z.string().max(40) }),
]);
const fileSchema = z.object({
  uploads: z.array(z.object({ chosenUrl: z.string().max(4096), url: z.string().max(4096), expiresAt: z.number(), source: sourceSchema })).max(10_000),
});

/** Opens the kept uploads of the library in `dataDir`; a missing or unreadable file starts empty. */
export function openKeptUploads(dataDir: string, now: () => number = Date.now): KeptUploads {
  const file = path.join(dataDir, FILE_NAME);
  const folder = path.join(dataDir, FOLDER);
  const byChosen = new Map<string, KeptUpload>(read(file).map((upload) => [upload.chosenUrl, upload]));

  const save = () => {
    const forgetBefore = now() - KEPT_UPLOAD_DAYS * 86_400_000;
    for (const [url, upload] of byChosen) if (upload.expiresAt < forgetBefore) byChosen.delete(url);
    writeFileAtomically(file, `${JSON.stringify({ uploads: [...byChosen.values()] })}\n`, PRIVATE_FILE_MODE);
    // a kept file no entry needs any more goes too
    const needed = new Set([...byChosen.values()].flatMap((upload) => (upload.source.kind === 'file' ? [upload.source.file] : [])));
    if (existsSync(folder)) for (const name of readdirSync(folder)) if (!needed.has(name) && !name.includes('.tmp-')) rmSync(path.join(folder, name), { force: true });
  };

  return {
    remember(choice, source) {
      if (choice.source !== 'upload' || choice.expiresAt === null) return;
      byChosen.set(choice.url, { chosenUrl: choice.url, url: choice.url, expiresAt: choice.expiresAt, source });
      save();
    },
    keepFile(bytes, extension, contentType) {
      const name = `${createHash('sha256').update(bytes).digest('hex')}.${extension === 'jpeg' ? 'jpg' : extension}`;
      const target = path.join(folder, name);
      if (!existsSync(target)) writeFileAtomically(target, bytes, PRIVATE_FILE_MODE);
      return { kind: 'file', file: name, contentType };
    },
    find: (chosenUrl) => byChosen.get(chosenUrl),
    renewed(chosenUrl, choice) {
      const kept = byChosen.get(chosenUrl);
      if (!kept || choice.expiresAt === null) return;
      byChosen.set(chosenUrl, { ...kept, url: choice.url, expiresAt: choice.expiresAt });
      save();
    },
    filePath: (source) => path.join(folder, path.basename(source.file)),
  };
}

function read(file: string): KeptUpload[] {
  if (!existsSync(file)) return [];
  try {
    return fileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).uploads;
  } catch (error) {
    // Only addresses are lost: a run whose upload ran out then says so instead of uploading again.
    console.warn('[atelier] reference-uploads.json could not be read; starting without it:', error instanceof Error ? error.message : error);
    return [];
  }
}
