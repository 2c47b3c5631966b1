import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { crc32 } from 'node:zlib';
import { WatchedStream } from './watched-stream.ts';

/**
 * A streaming ZIP writer: entries are stored (PNGs are compressed already), each file is read in
 * chunks straight into the archive, and only the small central directory stays in memory, so
 * 10,000 images never sit in memory. Always ZIP64, so exports past 4 GB or 65,535 files open too.
 */

interface Entry {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
  time: number;
  date: number;
}

const ZIP64 = 45; // "version needed": ZIP64
const FLAGS = 0x0808; // sizes follow the data (bit 3), names are UTF-8 (bit 11)
const MAX32 = 0xffffffff;

function dosTime(ms: number): { time: number; date: number } {
  const d = new Date(ms);
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** Writes one ZIP archive into a stream, entry by entry. */
export class ZipWriter {
  private readonly stream: WatchedStream;
  private readonly out: Writable;
  private readonly entries: Entry[] = [];
  private offset = 0;

  /** `out`: a file, or an HTTP answer (the preview's download). */
  constructor(out: Writable) {
    this.stream = new WatchedStream(out);
    this.out = out;
  }

  private async write(bytes: Buffer): Promise<void> {
    this.stream.check();
    // a stream closed under it (a browser that stopped the download) never drains: that ends the archive
    if (this.out.destroyed) throw new Error('The archive’s stream was closed before it was finished.');
    this.offset += bytes.length;
    if (this.out.write(bytes)) return;
    const drained = new AbortController();
    await Promise.race([once(this.out, 'drain', drained), once(this.out, 'close', drained)]).finally(() => drained.abort());
    if (this.out.destroyed) throw new Error('The archive’s stream was closed before it was finished.');
  }

  private async begin(name: string, modifiedAt: number): Promise<Entry> {
    const entry: Entry = { name: Buffer.from(name, 'utf8'), crc: 0, size: 0, offset: this.offset, ...dosTime(modifiedAt) };
    const header = Buffer.alloc(30 + 20);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(ZIP64, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(0, 8); // stored
    header.writeUInt16LE(entry.time, 10);
    header.writeUInt16LE(entry.date, 12);
    header.writeUInt32LE(0, 14);
    header.writeUInt32LE(MAX32, 18);
    header.writeUInt32LE(MAX32, 22);
    header.writeUInt16LE(entry.name.length, 26);
    header.writeUInt16LE(20, 28);
    // the ZIP64 extra field: real sizes come in the data descriptor
    header.writeUInt16LE(0x0001, 30);
    header.writeUInt16LE(16, 32);
    await this.write(Buffer.concat([header.subarray(0, 30), entry.name, header.subarray(30)]));
    return entry;
  }

  private async data(entry: Entry, chunk: Buffer): Promise<void> {
    entry.crc = crc32(chunk, entry.crc);
    entry.size += chunk.length;
    await this.write(chunk);
  }

  private async close(entry: Entry): Promise<void> {
    const descriptor = Buffer.alloc(24);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeBigUInt64LE(BigInt(entry.size), 8);
    descriptor.writeBigUInt64LE(BigInt(entry.size), 16);
    await this.write(descriptor);
    this.entries.push(entry);
  }

  /** Adds a file from disk, read in chunks. */
  async addFile(name: string, source: string, modifiedAt: number): Promise<void> {
    const entry = await this.begin(name, modifiedAt);
    for await (const chunk of createReadStream(source)) await this.data(entry, chunk as Buffer);
    await this.close(entry);
  }

  /** Adds bytes held in memory (a sidecar, one converted image). */
  async addBytes(name: string, bytes: Buffer, modifiedAt: number): Promise<void> {
    const entry = await this.begin(name, modifiedAt);
    await this.data(entry, bytes);
    await this.close(entry);
  }

  /** Writes the central directory and ends the archive; resolves once it is on disk. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const entry of this.entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE((3 << 8) | ZIP64, 4); // made on Unix, so permissions below are read
      record.writeUInt16LE(ZIP64, 6);
      record.writeUInt16LE(FLAGS, 8);
      record.writeUInt16LE(0, 10);
      record.writeUInt16LE(entry.time, 12);
      record.writeUInt16LE(entry.date, 14);
      record.writeUInt32LE(entry.crc, 16);
      record.writeUInt32LE(MAX32, 20);
      record.writeUInt32LE(MAX32, 24);
      record.writeUInt16LE(entry.name.length, 28);
      record.writeUInt16LE(28, 30);
      record.writeUInt32LE((0o100644 << 16) >>> 0, 38);
      record.writeUInt32LE(MAX32, 42);
      const extra = Buffer.alloc(28);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(entry.size), 4);
      extra.writeBigUInt64LE(BigInt(entry.size), 12);
      extra.writeBigUInt64LE(BigInt(entry.offset), 20);
      await this.write(Buffer.concat([record, entry.name, extra]));
    }
    const size = this.offset - start;
    const end64 = Buffer.alloc(56 + 20 + 22);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeUInt16LE(ZIP64, 12);
    end64.writeUInt16LE(ZIP64, 14);
    end64.writeBigUInt64LE(BigInt(this.entries.length), 24);
    end64.writeBigUInt64LE(BigInt(this.entries.length), 32);
    end64.writeBigUInt64LE(BigInt(size), 40);
    end64.writeBigUInt64LE(BigInt(start), 48);
    end64.writeUInt32LE(0x07064b50, 56);
    end64.writeBigUInt64LE(BigInt(this.offset), 64);
    end64.writeUInt32LE(1, 72);
    end64.writeUInt32LE(0x06054b50, 76);
    end64.writeUInt16LE(0xffff, 84);
    end64.writeUInt16LE(0xffff, 86);
    end64.writeUInt32LE(MAX32, 88);
    end64.writeUInt32LE(MAX32, 92);
    await this.write(end64);
    await this.stream.end();
  }

  /** Closes the file without ending the archive (a cancel or failure), so it can be removed. */
  abandon(): Promise<void> {
    return this.stream.abandon();
  }
}
