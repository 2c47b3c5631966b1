/**
 * `nativeImage`: images from PNG or JPEG bytes (anything else, WebP included, is an empty image, as in
 * Electron) or from raw BGRA pixels. Each image made is reported, so a scenario can wait for one.
 */
import { readFileSync } from 'node:fs';
import { NotModelled, strict } from './strict.ts';
import type { World } from './world.ts';

/** Width and height from a PNG's IHDR or a JPEG's first SOF marker; undefined if neither. */
function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    for (let at = 2; at + 9 < bytes.length; ) {
      if (bytes[at] !== 0xff) return undefined;
      const marker = bytes[at + 1] ?? 0;
      const length = bytes.readUInt16BE(at + 2);
      if (marker >= 0xc0 && marker <= 0xc3) return { width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5) };
      at += 2 + length;
    }
  }
  return undefined;
}

export class StandinNativeImage {
  private readonly _bytes: Buffer;
  private readonly _size: { width: number; height: number };
  private readonly _fromPixels: boolean;
  /** From encoded bytes, or from raw pixels of a known size. */
  constructor(bytes: Buffer, pixels?: { width: number; height: number }) {
    const size = pixels ?? imageSize(bytes);
    this._bytes = size ? Buffer.from(bytes) : Buffer.alloc(0);
    this._size = size ?? { width: 0, height: 0 };
    this._fromPixels = pixels !== undefined;
  }
  isEmpty(): boolean {
    return this._bytes.length === 0;
  }
  getSize(): { width: number; height: number } {
    return { ...this._size };
  }
  /** The bytes the image was made from (the stand-in does not re-encode). */
  toPNG(): Buffer {
    if (this._fromPixels) throw new NotModelled('NativeImage.toPNG of an image made from pixels (the stand-in does not encode)');
    return Buffer.from(this._bytes);
  }
}

export const makeImage = (bytes: Buffer, pixels?: { width: number; height: number }) => strict(new StandinNativeImage(bytes, pixels), 'NativeImage');

export function createNativeImage(world: World): object {
  const made = (how: string, image: StandinNativeImage) => {
    world.note({ type: 'native-image', how, size: image.getSize() });
    return image;
  };
  return strict(
    {
      createFromBuffer(buffer: Buffer) {
        if (!Buffer.isBuffer(buffer)) throw new Error('buffer must be a node Buffer');
        return made('createFromBuffer', makeImage(buffer));
      },
      // Electron's checks, in its order: a Buffer, width and height given, exactly 4 bytes a pixel.
      createFromBitmap(buffer: Buffer, options: { width?: unknown; height?: unknown } = {}) {
        if (!Buffer.isBuffer(buffer)) throw new Error('buffer must be a node Buffer');
        const { width, height } = options;
        if (typeof width !== 'number') throw new Error('width is required');
        if (typeof height !== 'number') throw new Error('height is required');
        if (width * height * 4 !== buffer.length) throw new Error('invalid buffer size');
        return made('createFromBitmap', width === 0 || height === 0 ? makeImage(Buffer.alloc(0)) : makeImage(buffer, { width, height }));
      },
      createFromPath(file: string) {
        try {
          return makeImage(readFileSync(file));
        } catch {
          return makeImage(Buffer.alloc(0));
        }
      },
      createEmpty() {
        return makeImage(Buffer.alloc(0));
      },
    },
    'nativeImage',
  );
}
