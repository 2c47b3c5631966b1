/** `nativeImage`: images from PNG or JPEG bytes; anything undecodable is an empty image, as in Electron. */
import { readFileSync } from 'node:fs';
import { strict } from './strict.ts';

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
  constructor(bytes: Buffer) {
    const size = imageSize(bytes);
    this._bytes = size ? Buffer.from(bytes) : Buffer.alloc(0);
    this._size = size ?? { width: 0, height: 0 };
  }
  isEmpty(): boolean {
    return this._bytes.length === 0;
  }
  getSize(): { width: number; height: number } {
    return { ...this._size };
  }
  /** The bytes the image was made from (the stand-in does not re-encode). */
  toPNG(): Buffer {
    return Buffer.from(this._bytes);
  }
}

export const makeImage = (bytes: Buffer) => strict(new StandinNativeImage(bytes), 'NativeImage');

export function createNativeImage(): object {
  return strict(
    {
      createFromBuffer(buffer: Buffer) {
        if (!Buffer.isBuffer(buffer)) throw new TypeError('buffer must be a node Buffer');
        return makeImage(buffer);
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
