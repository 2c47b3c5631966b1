import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, constants, open, rm, stat } from 'node:fs/promises';
import sharp from 'sharp';
import { fingerprintImage, type Fingerprint } from '../media/fingerprint.ts';
import { LIBRARY_MAX_PIXELS } from '../media/image-size.ts';
import type { ImageExtension } from '../media/layout.ts';
import { syncFile } from '../media/sync-file.ts';
import { newTempPath } from '../media/temp-files.ts';
import type { CopiedPicture } from './import-rows.ts';

/** A file this large is no picture Atelier keeps (a 100-megapixel PNG is well under it). */
export const IMPORT_MAX_BYTES = 1024 * 1024 * 1024;
/** PNG text chunks sit before the image data: this much of the file holds them. */
const HEAD_BYTES = 512 * 1024;
const FORMATS: Record<string, ImageExtension> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

/** Why a file was not imported, in the artist's words: it becomes a line of the import report. */
export class UnreadablePicture extends Error {}

export interface ReadPicture {
  copied: CopiedPicture;
  /** The first bytes of the file, for its text chunks. */
  head: Buffer;
  modifiedAt: number;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  // chunk by chunk: hashing a 300 MB file in one call would hold the core's thread for a second
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function headOf(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Copies a picture into the library's temp folder (the original is only read), hashes the copy
 * (its bytes, its pixels, its look), and checks it is a PNG, JPEG or WebP of at most 100 megapixels whose every pixel decodes; sharp
 * does the decoding on its own threads. Throws `UnreadablePicture` with the reason otherwise.
 */
export async function readPicture(dataDir: string, source: string): Promise<ReadPicture> {
  const info = await stat(source);
  if (!info.isFile()) throw new UnreadablePicture('It is not a file.');
  if (info.size > IMPORT_MAX_BYTES) throw new UnreadablePicture('The file is larger than 1 GB, more than any picture Atelier keeps.');
  const temp = await newTempPath(dataDir, 'import');
  try {
    await copyFile(source, temp, constants.COPYFILE_EXCL);
    let extension: ImageExtension | undefined;
    let width = 0;
    let height = 0;
    try {
      const metadata = await sharp(temp).metadata();
      extension = FORMATS[metadata.format ?? ''];
      width = metadata.width;
      height = metadata.height;
    } catch {
      throw new UnreadablePicture('It is not a picture Atelier can read (PNG, JPEG or WebP).');
    }
    if (extension === undefined) throw new UnreadablePicture('It is not a PNG, JPEG or WebP picture.');
    if (width * height > LIBRARY_MAX_PIXELS) {
      throw new UnreadablePicture(`The picture is ${width}×${height} pixels, more than the 100 megapixels Atelier keeps.`);
    }
    let fingerprint: Fingerprint;
    try {
      // decodes every pixel (failing on damaged data): the check and the duplicates' hashes in one pass
      fingerprint = await fingerprintImage(temp, LIBRARY_MAX_PIXELS);
    } catch {
      throw new UnreadablePicture('The picture data is damaged or cut short.');
    }
    const [fileSha256, head] = await Promise.all([sha256Of(temp), headOf(temp)]);
    // on disk before the core renames it into the library with its rows, as a download is, so a
    // power cut leaves no row naming an empty file; and synced here, on a picture thread: otherwise
    // ext4 writes the picture out with the next journal commit, which is often a core's commit
    // syncing the log's header (bench:export at 10,000, perf trace: the core's syncs in the
    // imports summed 1.09 s, longest 302 ms; synced here, 0.57 s, longest 190 ms)
    await syncFile(temp);
    return { copied: { temp, extension, fileSha256, fingerprint, bytes: info.size, width, height }, head, modifiedAt: Math.floor(info.mtimeMs) };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
