/**
 * What an image looks like, as two hashes the library can compare (issue 13 §3):
 * - the pixel hash: SHA-256 of the decoded pixels (8-bit sRGB with alpha) and the size, so two
 *   files with the same pixels but other metadata, compression or format are exact duplicates;
 * - the perceptual hash: 64 bits from the low frequencies of a 32×32 greyscale copy (a DCT pHash),
 *   which a resize or a JPEG copy barely changes while another picture changes about half of them.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { LIBRARY_MAX_PIXELS } from './image-size.ts';

export interface Fingerprint {
  /** SHA-256 (hex) of the RGBA pixels followed by the width and height. */
  pixelSha256: string;
  /** The 64-bit perceptual hash as 16 hex digits. */
  perceptual: string;
}

/** The greyscale copy the perceptual hash is read from. */
const SMALL_SIDE = 32;
/** The low frequencies kept: an 8×8 corner of the DCT, 64 bits. */
const KEPT = 8;

/** Both hashes of one image file (or its bytes); decoding and shrinking run on sharp's threads. */
export async function fingerprintImage(source: string | Buffer, maxPixels: number = LIBRARY_MAX_PIXELS): Promise<Fingerprint> {
  const [pixelSha256, perceptual] = await Promise.all([pixelHash(source, maxPixels), perceptualHash(source, maxPixels)]);
  return { pixelSha256, perceptual };
}

/**
 * The decoded pixels streamed through SHA-256 strip by strip (a 100-megapixel image is never held
 * whole), then the size, so an image and its transposed twin never share a hash.
 */
async function pixelHash(source: string | Buffer, maxPixels: number): Promise<string> {
  const hash = createHash('sha256');
  const pixels = sharp(source, { failOn: 'error', limitInputPixels: maxPixels }).toColourspace('srgb').ensureAlpha().raw({ depth: 'uchar' });
  let size = '';
  pixels.on('info', (info: { width: number; height: number }) => {
    size = `${info.width}x${info.height}`;
  });
  for await (const chunk of pixels) hash.update(chunk as Buffer);
  hash.update(`:${size}`);
  return hash.digest('hex');
}

/**
 * Shrunk in colour first and made grey here: sharp's greyscale before a resize converts every
 * pixel of the full image and takes several times as long.
 */
async function perceptualHash(source: string | Buffer, maxPixels: number): Promise<string> {
  const { data, info } = await sharp(source, { failOn: 'error', limitInputPixels: maxPixels })
    .resize(SMALL_SIDE, SMALL_SIDE, { fit: 'fill' })
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(SMALL_SIDE * SMALL_SIDE);
  for (let i = 0; i < grey.length; i++) {
    const at = i * info.channels;
    // Rec. 601 luma, as libvips' own greyscale uses for sRGB
    grey[i] = info.channels < 3 ? (data[at] as number) : Math.round(0.299 * (data[at] as number) + 0.587 * (data[at + 1] as number) + 0.114 * (data[at + 2] as number));
  }
  return perceptualBits(grey);
}

const cosines: readonly Float64Array[] = Array.from({ length: KEPT }, (_, u) =>
  Float64Array.from({ length: SMALL_SIDE }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SMALL_SIDE))),
);

/**
 * The pHash of a 32×32 greyscale bitmap: the 8×8 lowest frequencies of its DCT, each bit set when
 * that coefficient is above their median (the DC term, the mean brightness, left out of the median).
 */
export function perceptualBits(grey: Uint8Array): string {
  if (grey.length !== SMALL_SIDE * SMALL_SIDE) throw new Error(`perceptualBits needs ${SMALL_SIDE}×${SMALL_SIDE} pixels`);
  // rows first: each row's first 8 frequencies, then down the columns
  const rows = new Float64Array(SMALL_SIDE * KEPT);
  for (let y = 0; y < SMALL_SIDE; y++) {
    for (let u = 0; u < KEPT; u++) {
      let sum = 0;
      const c = cosines[u] as Float64Array;
      for (let x = 0; x < SMALL_SIDE; x++) sum += (grey[y * SMALL_SIDE + x] as number) * (c[x] as number);
      rows[y * KEPT + u] = sum;
    }
  }
  const coefficients = new Float64Array(KEPT * KEPT);
  for (let v = 0; v < KEPT; v++) {
    const c = cosines[v] as Float64Array;
    for (let u = 0; u < KEPT; u++) {
      let sum = 0;
      for (let y = 0; y < SMALL_SIDE; y++) sum += (rows[y * KEPT + u] as number) * (c[y] as number);
      coefficients[v * KEPT + u] = sum;
    }
  }
  const median = [...coefficients.subarray(1)].sort((a, b) => a - b)[(KEPT * KEPT - 1) >> 1] as number;
  let bits = 0n;
  for (let i = 0; i < KEPT * KEPT; i++) bits = (bits << 1n) | ((coefficients[i] as number) > median ? 1n : 0n);
  return bits.toString(16).padStart(16, '0');
}
