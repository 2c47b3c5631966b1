import type { AspectRatio } from '../../../shared/generation.ts';

/**
 * How many pixels an image may have before Atelier decodes it. A small file can declare an
 * enormous picture (a 30 KB PNG saying 16000×16000 decodes to gigabytes), so the size is read
 * from the header first and checked against these limits; sharp's `limitInputPixels` enforces
 * the same number while decoding.
 */

export interface PixelSize {
  width: number;
  height: number;
}

/** Pixel sizes Kinovi's Midjourney output has per aspect ratio (docs/kinovi-api.md). */
export const API_IMAGE_SIZES: Readonly<Record<AspectRatio, PixelSize>> = {
  '1:1': { width: 1024, height: 1024 },
  '16:9': { width: 1456, height: 816 },
  '9:16': { width: 816, height: 1456 },
  '4:3': { width: 1232, height: 928 },
  '3:4': { width: 928, height: 1232 },
  '21:9': { width: 1680, height: 720 },
  '3:2': { width: 1344, height: 896 },
  '2:3': { width: 896, height: 1344 },
  '4:5': { width: 960, height: 1200 },
  '5:4': { width: 1200, height: 960 },
};

/** The most pixels any image in the library may have (imported files included): 100 megapixels. */
export const LIBRARY_MAX_PIXELS = 100_000_000;

// Room for an upscaled output (2× each side); anything beyond is not a picture Kinovi made.
const API_SIZE_SLACK = 4;

/** The most pixels an image from the API may have for a generation of this aspect ratio. */
export function apiImagePixelLimit(aspectRatio: AspectRatio): number {
  const { width, height } = API_IMAGE_SIZES[aspectRatio];
  return width * height * API_SIZE_SLACK;
}
