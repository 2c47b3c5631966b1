import sharp from 'sharp';
import { DownloadFailureError } from './download-failure.ts';
import type { ImageExtension } from './layout.ts';

/**
 * Is this a picture Atelier can store, and no larger than it should be? Answered from the header
 * first (a small file can declare an enormous image), then by decoding every pixel once without
 * ever holding the whole bitmap.
 */

export type ImageContentType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface StoredFormat {
  extension: ImageExtension;
  contentType: ImageContentType;
}

// sharp's format names → how the library stores them.
const FORMATS: Record<string, StoredFormat> = {
  png: { extension: 'png', contentType: 'image/png' },
  jpeg: { extension: 'jpg', contentType: 'image/jpeg' },
  webp: { extension: 'webp', contentType: 'image/webp' },
};

export interface CheckedImage {
  format: StoredFormat;
  width: number;
  height: number;
}

// Shrinking to this reads every row of the source but keeps only a few kilobytes of pixels.
const PIXEL_CHECK_SIDE = 32;

/**
 * The image's format and size from its header alone, refused when it has more than `maxPixels`;
 * then every pixel decoded once in bounded memory (shrunk, never held as a whole bitmap),
 * because a header can look fine on a file whose pixel data is cut short.
 */
export async function checkImage(bytes: Buffer, maxPixels: number): Promise<CheckedImage> {
  let header: CheckedImage;
  try {
    const metadata = await sharp(bytes).metadata();
    const format = FORMATS[metadata.format ?? ''];
    if (!format) throw new DownloadFailureError({ kind: 'invalid', message: 'The image is in a format Atelier does not store.' });
    header = { format, width: metadata.width, height: metadata.height };
  } catch (error) {
    throw unreadable(error);
  }
  if (header.width * header.height > maxPixels) {
    throw new DownloadFailureError({
      kind: 'invalid',
      message: `The image is far larger than expected (${header.width}×${header.height} pixels); Atelier did not save it.`,
      cause: `${header.width * header.height} pixels, limit ${maxPixels}`,
    });
  }
  try {
    // failOn 'error': corrupt or truncated pixel data fails; libpng's harmless warnings do not.
    await sharp(bytes, { failOn: 'error', limitInputPixels: maxPixels }).resize(PIXEL_CHECK_SIDE, PIXEL_CHECK_SIDE, { fit: 'inside' }).raw().toBuffer();
  } catch (error) {
    throw unreadable(error);
  }
  return header;
}

function unreadable(error: unknown): DownloadFailureError {
  if (error instanceof DownloadFailureError) return error;
  return new DownloadFailureError({
    kind: 'invalid',
    message: 'The downloaded file is not a readable image.',
    cause: error instanceof Error ? error.message : String(error),
  });
}
