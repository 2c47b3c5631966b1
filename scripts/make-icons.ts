/**
 * `npm run icons`: every icon the three platforms need, from the one vector source build/icon.svg.
 * Writes build/icons/<N>x<N>.png (Linux), build/icon.png (1024), build/icon.ico (Windows) and
 * build/icon.icns (macOS). The outputs are committed, so packaging needs no image tool.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { root } from './lib/run.ts';

const buildDir = path.join(root, 'build');
const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
// PNG-carrying ICNS types macOS reads today: ic11/12/13/14 are the @2x variants.
const icnsEntries: readonly [type: string, size: number][] = [
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** Renders the SVG once, large, and scales down from it (sharper small sizes than rasterising each). */
async function renderAll(sizes: readonly number[]): Promise<Map<number, Buffer>> {
  const master = await sharp(readFileSync(path.join(buildDir, 'icon.svg')), { density: 144 }).resize(1024, 1024).png().toBuffer();
  const pngs = new Map<number, Buffer>();
  for (const size of new Set(sizes)) {
    pngs.set(size, await sharp(master).resize(size, size, { kernel: 'lanczos3' }).png({ compressionLevel: 9 }).toBuffer());
  }
  return pngs;
}

/** An ICO container whose entries are PNGs (readable by Windows Vista and later). */
function ico(images: readonly [size: number, png: Buffer][]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  let offset = header.length + directory.length;
  images.forEach(([size, png], i) => {
    const at = i * 16;
    directory.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    directory.writeUInt8(size >= 256 ? 0 : size, at + 1);
    directory.writeUInt8(0, at + 2); // no palette
    directory.writeUInt8(0, at + 3);
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(png.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, directory, ...images.map(([, png]) => png)]);
}

/** An ICNS container: 'icns', total length, then (type, length including its 8-byte header, PNG) entries. */
function icns(entries: readonly [type: string, png: Buffer][]): Buffer {
  const parts = entries.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

const pngs = await renderAll([...linuxSizes, ...icoSizes, ...icnsEntries.map(([, size]) => size)]);
const png = (size: number): Buffer => {
  const found = pngs.get(size);
  if (!found) throw new Error(`no ${size} px rendering`);
  return found;
};

mkdirSync(path.join(buildDir, 'icons'), { recursive: true });
for (const size of linuxSizes) writeFileSync(path.join(buildDir, 'icons', `${size}x${size}.png`), png(size));
writeFileSync(path.join(buildDir, 'icon.png'), png(1024));
writeFileSync(path.join(buildDir, 'icon.ico'), ico(icoSizes.map((size) => [size, png(size)])));
writeFileSync(path.join(buildDir, 'icon.icns'), icns(icnsEntries.map(([type, size]) => [type, png(size)])));
console.log(`Icons written to ${path.relative(root, buildDir)}/: icons/ (${linuxSizes.join(', ')} px), icon.png, icon.ico, icon.icns`);
