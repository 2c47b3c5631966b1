/**
 * Undo records as compact bytes: a change over 100,000 generations keeps 400,000 image states,
 * which as JSON would take ~100 ms to write and ~40 MB; as columns of typed numbers it is one
 * ~2 MB blob written in a few ms (each image: its generation id, 4 bytes, and one byte for its
 * place, favourite, reject and rating; a deleted image's date apart, since almost none has one).
 */
import type { ImageRef } from '../../../shared/curation.ts';
import type { CurationUndo, ImageCuration } from '../../../shared/image-curation.ts';
import type { Rating } from '../../../shared/generation.ts';

const HEADER = 16;
const MAX_ID = 0xffff_ffff;

/** Copies a blob into a fresh buffer so typed views over it start aligned. */
function aligned(blob: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(blob.byteLength);
  new Uint8Array(copy).set(blob);
  return copy;
}

function checkId(id: number): number {
  if (!Number.isInteger(id) || id < 1 || id > MAX_ID) throw new RangeError(`An id out of the undo record's range: ${id}`);
  return id;
}

/** Image states and the generations binned with them, as bytes. */
export function encodeStates(undo: CurationUndo): Buffer {
  const { images, binned } = undo;
  const deleted: number[] = [];
  for (const [at, image] of images.entries()) if (image.deletedAt !== null) deleted.push(at);
  const count = images.length;
  // f64 dates first (8-byte aligned after the header), then the 4-byte columns, then the bytes
  const size = HEADER + deleted.length * 8 + (count + binned.length + deleted.length) * 4 + count;
  const bytes = new ArrayBuffer(size);
  const head = new Uint32Array(bytes, 0, 4);
  head.set([count, binned.length, deleted.length, 0]);
  let offset = HEADER;
  const dates = new Float64Array(bytes, offset, deleted.length);
  offset += deleted.length * 8;
  const ids = new Uint32Array(bytes, offset, count);
  offset += count * 4;
  const bins = new Uint32Array(bytes, offset, binned.length);
  offset += binned.length * 4;
  const places = new Uint32Array(bytes, offset, deleted.length);
  offset += deleted.length * 4;
  const flags = new Uint8Array(bytes, offset, count);
  for (let i = 0; i < count; i++) {
    const image = images[i] as ImageCuration;
    ids[i] = checkId(image.generationId);
    flags[i] = image.index | (image.favorite ? 4 : 0) | (image.rejected ? 8 : 0) | ((image.rating ?? 0) << 4);
  }
  for (const [i, id] of binned.entries()) bins[i] = checkId(id);
  for (const [i, at] of deleted.entries()) {
    places[i] = at;
    dates[i] = images[at]?.deletedAt ?? 0;
  }
  return Buffer.from(bytes);
}

/** The image states and binned generations `encodeStates` wrote. */
export function decodeStates(blob: Uint8Array): CurationUndo {
  const bytes = aligned(blob);
  const [count = 0, binnedCount = 0, deletedCount = 0] = new Uint32Array(bytes, 0, 4);
  let offset = HEADER;
  const dates = new Float64Array(bytes, offset, deletedCount);
  offset += deletedCount * 8;
  const ids = new Uint32Array(bytes, offset, count);
  offset += count * 4;
  const bins = new Uint32Array(bytes, offset, binnedCount);
  offset += binnedCount * 4;
  const places = new Uint32Array(bytes, offset, deletedCount);
  offset += deletedCount * 4;
  const flags = new Uint8Array(bytes, offset, count);
  const images: ImageCuration[] = new Array<ImageCuration>(count);
  for (let i = 0; i < count; i++) {
    const flag = flags[i] ?? 0;
    const rating = flag >> 4;
    images[i] = {
      generationId: ids[i] ?? 0,
      index: flag & 3,
      favorite: (flag & 4) !== 0,
      rejected: (flag & 8) !== 0,
      rating: rating === 0 ? null : (rating as Rating),
      deletedAt: null,
    };
  }
  for (let i = 0; i < deletedCount; i++) {
    const image = images[places[i] ?? 0];
    if (image) image.deletedAt = dates[i] ?? null;
  }
  return { images, binned: Array.from(bins) };
}

/** Generation ids as bytes. */
export function encodeIds(ids: readonly number[]): Buffer {
  const column = new Uint32Array(ids.length);
  for (const [i, id] of ids.entries()) column[i] = checkId(id);
  return Buffer.from(column.buffer);
}

export function decodeIds(blob: Uint8Array): number[] {
  return Array.from(new Uint32Array(aligned(blob)));
}

/** Images (generation id and place) as bytes: the ids, then a byte per place. */
export function encodeRefs(refs: readonly ImageRef[]): Buffer {
  const bytes = new ArrayBuffer(refs.length * 5);
  const ids = new Uint32Array(bytes, 0, refs.length);
  const places = new Uint8Array(bytes, refs.length * 4, refs.length);
  for (const [i, ref] of refs.entries()) {
    ids[i] = checkId(ref.generationId);
    places[i] = ref.index;
  }
  return Buffer.from(bytes);
}

export function decodeRefs(blob: Uint8Array): ImageRef[] {
  const bytes = aligned(blob);
  const count = bytes.byteLength / 5;
  const ids = new Uint32Array(bytes, 0, count);
  const places = new Uint8Array(bytes, count * 4, count);
  return Array.from(ids, (generationId, i) => ({ generationId, index: places[i] ?? 0 }));
}

/**
 * A small record (names, a saved search) as UTF-8 JSON: a rename or a delete keeps a few words, so
 * compactness does not matter; `decodeRecord` answers undefined for bytes that are not an object.
 */
export function encodeRecord(record: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify(record), 'utf8');
}

export function decodeRecord(blob: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(blob).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
