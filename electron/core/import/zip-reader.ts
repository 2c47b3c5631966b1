import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

/**
 * Reads a ZIP archive (an Atelier export, or one an artist made) from its central directory and
 * unpacks chosen entries to files in chunks, stored or deflated, ZIP64 included: an archive of
 * 10,000 images never sits in memory. Names that could leave the target folder are refused.
 */

export interface ZipEntry {
  /** Forward-slash path inside the archive. */
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts. */
  offset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
/** The end record and the longest comment it may carry. */
const TAIL = 22 + MAX16;
/** A central directory larger than this is not one Atelier reads (a million entries take ~100 MB). */
const MAX_DIRECTORY = 256 * 1024 * 1024;

export class BadZip extends Error {}

const num = (value: bigint) => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new BadZip('The ZIP file says it is larger than any file can be.');
  return Number(value);
};

/** Every entry of the archive at `file`, in the central directory's order. */
export async function readZipEntries(file: string): Promise<ZipEntry[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, TAIL);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let i = tailLength - 22; i >= 0; i -= 1) {
      if (tail.readUInt32LE(i) === EOCD) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new BadZip('It is not a ZIP file (no end record).');
    let count = tail.readUInt16LE(end + 10);
    let directorySize = tail.readUInt32LE(end + 12);
    let directoryOffset = tail.readUInt32LE(end + 16);
    if ((count === MAX16 || directorySize === MAX32 || directoryOffset === MAX32) && end >= 20 && tail.readUInt32LE(end - 20) === EOCD64_LOCATOR) {
      const record64At = num(tail.readBigUInt64LE(end - 20 + 8));
      const record = Buffer.alloc(56);
      await handle.read(record, 0, 56, record64At);
      if (record.readUInt32LE(0) !== EOCD64) throw new BadZip('The ZIP file’s end record is damaged.');
      count = num(record.readBigUInt64LE(32));
      directorySize = num(record.readBigUInt64LE(40));
      directoryOffset = num(record.readBigUInt64LE(48));
    }
    if (directorySize > MAX_DIRECTORY || directoryOffset + directorySize > size) throw new BadZip('The ZIP file’s list of entries is damaged.');
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const entries: ZipEntry[] = [];
    let at = 0;
    for (let i = 0; i < count; i += 1) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL) throw new BadZip('The ZIP file’s list of entries is damaged.');
      const method = directory.readUInt16LE(at + 10);
      let compressedSize = directory.readUInt32LE(at + 20);
      let entrySize = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      let offset = directory.readUInt32LE(at + 42);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      // ZIP64 extra field: the 8-byte values, in this order, for each 32-bit field that is all ones
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = directory.readUInt16LE(extra);
        const length = directory.readUInt16LE(extra + 2);
        if (id === 0x0001) {
          let field = extra + 4;
          if (entrySize === MAX32) {
            entrySize = num(directory.readBigUInt64LE(field));
            field += 8;
          }
          if (compressedSize === MAX32) {
            compressedSize = num(directory.readBigUInt64LE(field));
            field += 8;
          }
          if (offset === MAX32) offset = num(directory.readBigUInt64LE(field));
        }
        extra += 4 + length;
      }
      entries.push({ name, method, compressedSize, size: entrySize, offset });
      at = extraEnd + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** Whether an entry's name stays inside the folder it is unpacked to. */
export function safeEntryName(name: string): boolean {
  if (name === '' || name.endsWith('/') || name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\0'));
}

/** Unpacks one entry to `target` in chunks (stored or deflated); its size is held to what the directory says. */
export async function unpackEntry(file: string, entry: ZipEntry, target: string): Promise<void> {
  if (entry.method !== 0 && entry.method !== 8) throw new BadZip('It is packed in a way Atelier cannot unpack (only stored or deflated).');
  const handle = await open(file, 'r');
  let dataAt: number;
  try {
    const local = Buffer.alloc(30);
    await handle.read(local, 0, 30, entry.offset);
    if (local.readUInt32LE(0) !== LOCAL) throw new BadZip('The ZIP entry is damaged.');
    dataAt = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await handle.close();
  }
  await mkdir(path.dirname(target), { recursive: true });
  const source = entry.compressedSize === 0 ? null : createReadStream(file, { start: dataAt, end: dataAt + entry.compressedSize - 1 });
  const out = createWriteStream(target, { flags: 'wx' });
  if (source === null) {
    out.end();
    await new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
    return;
  }
  let written = 0;
  const limit = async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      written += chunk.length;
      if (written > entry.size) throw new BadZip('The ZIP entry is larger than its archive says.');
      yield chunk;
    }
  };
  if (entry.method === 8) await pipeline(source, createInflateRaw(), limit, out);
  else await pipeline(source, limit, out);
}
