import { crc32, inflateSync } from 'node:zlib';
import type { Generation } from '../../../shared/generation.ts';

/**
 * PNG text chunks, so an image dragged out of Atelier still says how it was made.
 *
 * Two chunks are written: `parameters` in the "A1111" form many image tools read
 * (prompt, then `Negative prompt: …`, then `Seed: …, Model: …`), and `atelier`, a JSON
 * record for tools (and a future Atelier import) that want exact values. Text that fits
 * Latin-1 goes into tEXt (what older readers expect); anything else into iTXt, which is UTF-8.
 */

/** How an image was made, in plain values. */
export interface ImageProvenance {
  prompt: string;
  negativePrompt?: string | null;
  seed: number;
  model: string;
  taskId: string | null;
  /** The effective parameters the server used (aspect ratio, stylize, …), stored as JSON. */
  parameters: Record<string, unknown>;
}

export interface PngTextChunk {
  keyword: string;
  text: string;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const TEXT_TYPES = new Set(['tEXt', 'iTXt', 'zTXt']);

/** How a generation's images were made: what each saved or exported image says about itself. */
export function provenanceOf(generation: Generation): ImageProvenance {
  return {
    prompt: generation.effective.prompt,
    negativePrompt: generation.effective.negativePrompt,
    seed: generation.effective.seed,
    model: generation.effective.model,
    taskId: generation.taskId,
    parameters: { ...generation.effective },
  };
}

/** The text chunks Atelier writes for an image's provenance. */
export function provenanceChunks(provenance: ImageProvenance): PngTextChunk[] {
  const settings = [`Seed: ${provenance.seed}`, `Model: ${provenance.model}`];
  for (const [key, value] of Object.entries(provenance.parameters)) {
    if (['prompt', 'negativePrompt', 'seed', 'model'].includes(key) || value === null || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      settings.push(`${labelOf(key)}: ${String(value).replaceAll(/[,\n]/g, ' ')}`);
    }
  }
  if (provenance.taskId) settings.push(`Kinovi task: ${provenance.taskId}`);
  const lines = [provenance.prompt];
  if (provenance.negativePrompt) lines.push(`Negative prompt: ${provenance.negativePrompt}`);
  lines.push(settings.join(', '));
  const record = {
    version: 1,
    prompt: provenance.prompt,
    negativePrompt: provenance.negativePrompt ?? null,
    seed: provenance.seed,
    model: provenance.model,
    taskId: provenance.taskId,
    parameters: provenance.parameters,
  };
  return [
    { keyword: 'parameters', text: lines.join('\n') },
    { keyword: 'atelier', text: JSON.stringify(record) },
    { keyword: 'Software', text: 'Atelier' },
  ];
}

/**
 * A copy of the PNG with the given text chunks inserted just before the first IDAT, where
 * readers look for them (exiftool warns about text after the image data), replacing any text
 * chunks with the same keywords wherever they were.
 */
export function writePngText(png: Uint8Array, chunks: readonly PngTextChunk[]): Buffer {
  const replaced = new Set(chunks.map((c) => c.keyword));
  const parts: Buffer[] = [SIGNATURE];
  let wroteText = false;
  let sawEnd = false;
  for (const chunk of readChunks(png)) {
    if (chunk.type === 'IDAT' && !wroteText) {
      for (const c of chunks) parts.push(encodeTextChunk(c));
      wroteText = true;
    }
    // Re-processing a file must not pile up stale copies of our own chunks.
    if (TEXT_TYPES.has(chunk.type) && replaced.has(keywordOf(chunk.data))) continue;
    parts.push(chunk.raw);
    if (chunk.type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!wroteText) throw new Error('not a PNG image: no IDAT chunk');
  if (!sawEnd) throw new Error('not a complete PNG: no IEND chunk');
  return Buffer.concat(parts);
}

/** Every tEXt/iTXt/zTXt entry of a PNG as keyword → text (the first entry wins for a repeated keyword). */
export function readPngText(png: Uint8Array): Record<string, string> {
  const result: Record<string, string> = {};
  for (const chunk of readChunks(png)) {
    if (chunk.type === 'IEND') break;
    if (!TEXT_TYPES.has(chunk.type)) continue;
    const entry = decodeTextChunk(chunk.type, chunk.data);
    if (entry && !(entry.keyword in result)) result[entry.keyword] = entry.text;
  }
  return result;
}

/**
 * The text entries found before the image data, from the first bytes of a PNG only (an import reads
 * a few hundred kilobytes of a file, not all of it); a chunk cut off by the end of `head` ends the read.
 */
export function readPngTextHead(head: Uint8Array): Record<string, string> {
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (!isPng(buf)) throw new Error('not a PNG: bad signature');
  const result: Record<string, string> = {};
  let offset = SIGNATURE.length;
  while (offset + 12 <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT' || type === 'IEND' || offset + 12 + length > buf.length) break;
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (TEXT_TYPES.has(type) && buf.readUInt32BE(offset + 8 + length) === chunkCrc(type, data)) {
      const entry = decodeTextChunk(type, data);
      if (entry && !(entry.keyword in result)) result[entry.keyword] = entry.text;
    }
    offset += 12 + length;
  }
  return result;
}

/** True when the bytes start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && Buffer.from(bytes.buffer, bytes.byteOffset, SIGNATURE.length).equals(SIGNATURE);
}

interface RawChunk {
  type: string;
  data: Buffer;
  raw: Buffer;
}

function* readChunks(png: Uint8Array): Generator<RawChunk> {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!isPng(buf)) throw new Error('not a PNG: bad signature');
  let offset = SIGNATURE.length;
  while (offset < buf.length) {
    if (offset + 12 > buf.length) throw new Error('not a complete PNG: truncated chunk header');
    const length = buf.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > buf.length) throw new Error('not a complete PNG: truncated chunk');
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    const crc = buf.readUInt32BE(offset + 8 + length);
    if (crc !== chunkCrc(type, data)) throw new Error(`corrupt PNG: bad CRC in ${type} chunk`);
    yield { type, data, raw: buf.subarray(offset, end) };
    offset = end;
  }
}

function encodeTextChunk({ keyword, text }: PngTextChunk): Buffer {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword) || keyword.startsWith(' ') || keyword.endsWith(' ')) {
    throw new Error(`invalid PNG text keyword: ${JSON.stringify(keyword)}`);
  }
  const key = Buffer.from(keyword, 'latin1');
  // tEXt is Latin-1 without NUL; anything else (a Japanese prompt, an emoji) needs UTF-8 iTXt.
  if (isLatin1WithoutNul(text)) {
    return encodeChunk('tEXt', Buffer.concat([key, Buffer.from([0]), Buffer.from(text, 'latin1')]));
  }
  // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text.
  const header = Buffer.from([0, 0, 0, 0, 0]);
  return encodeChunk('iTXt', Buffer.concat([key, header, Buffer.from(text, 'utf8')]));
}

function encodeChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(chunkCrc(type, data), 8 + data.length);
  return out;
}

function decodeTextChunk(type: string, data: Buffer): PngTextChunk | null {
  const nul = data.indexOf(0);
  if (nul < 1) return null;
  const keyword = data.toString('latin1', 0, nul);
  if (type === 'tEXt') return { keyword, text: data.toString('latin1', nul + 1) };
  if (type === 'zTXt') return { keyword, text: inflateSync(data.subarray(nul + 2)).toString('latin1') };
  const compressed = data[nul + 1] === 1;
  const languageEnd = data.indexOf(0, nul + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  const body = data.subarray(translatedEnd + 1);
  return { keyword, text: (compressed ? inflateSync(body) : body).toString('utf8') };
}

function isLatin1WithoutNul(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0 || code > 0xff) return false;
  }
  return true;
}

function keywordOf(data: Buffer): string {
  const nul = data.indexOf(0);
  return nul < 0 ? '' : data.toString('latin1', 0, nul);
}

function chunkCrc(type: string, data: Buffer): number {
  return crc32(data, crc32(Buffer.from(type, 'latin1')));
}

function labelOf(key: string): string {
  const spaced = key.replaceAll(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
