/** Small files the scenarios put in a library or beside it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** A small real PNG (sharp-encoded), `size` pixels square. */
export function pngBytes(size = 8, colour = '#c0ffee'): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: colour } }).png().toBuffer();
}

/** Writes `bytes` to `file`, creating its folder. */
export function put(file: string, bytes: Buffer | string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}
