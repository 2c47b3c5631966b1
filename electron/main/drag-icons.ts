import { nativeImage, type NativeImage } from 'electron';
import sharp from 'sharp';
import { IMAGES_FOLDER, thumbnailPathFor, toAbsolutePath, withExtension } from '../core/media/layout.ts';

const ICON_WIDTH = 96;
/** Icons kept, most recent last: the images the artist looked at last. */
const KEEP = 16;
// Shown when a drag starts before the image's icon is ready; macOS refuses a drag with an empty icon.
const PLACEHOLDER_SIZE = 48;
const PLACEHOLDER_GREY = 0x80;

export interface DragIcons {
  /** The page fetched this media path (as requested, still encoded): an image shown large gets its icon made. */
  shown(encodedPath: string): void;
  /** The icon for a saved image's absolute path, at once: its small copy if made, else a plain tile. */
  iconFor(file: string): NativeImage;
}

/**
 * Drag icons made before the drag. A drag out must start while the mouse button is still down, so
 * startDrag cannot wait for an image to be decoded, and Electron's nativeImage reads only PNG and
 * JPEG while the library's thumbnails are WebP. The page offers the drag on an image it shows large,
 * which it fetches through the media scheme: that fetch is when the image's small copy is made,
 * from its thumbnail, off the main thread.
 */
export function dragIcons(dataDir: string): DragIcons {
  const icons = new Map<string, NativeImage>();
  const making = new Set<string>();
  let placeholder: NativeImage | undefined;

  async function make(relativePath: string): Promise<void> {
    const file = toAbsolutePath(dataDir, relativePath);
    if (icons.has(file) || making.has(file)) return;
    making.add(file);
    try {
      // The thumbnail is small and quick to decode (a library from before session 17 has WebP ones);
      // an image without one is resized itself.
      const small = (input: string) => sharp(input).resize({ width: ICON_WIDTH }).png().toBuffer();
      const thumbnail = thumbnailPathFor(relativePath);
      const png = await small(toAbsolutePath(dataDir, thumbnail))
        .catch(() => small(toAbsolutePath(dataDir, withExtension(thumbnail, 'webp'))))
        .catch(() => small(file));
      icons.set(file, nativeImage.createFromBuffer(png));
      for (const oldest of icons.keys()) {
        if (icons.size <= KEEP) break;
        icons.delete(oldest);
      }
    } catch (error) {
      console.warn('[atelier] could not make a drag icon:', error);
    } finally {
      making.delete(file);
    }
  }

  return {
    shown(encodedPath) {
      let relativePath: string;
      try {
        relativePath = decodeURIComponent(encodedPath);
        if (!relativePath.startsWith(`${IMAGES_FOLDER}/`)) return;
        thumbnailPathFor(relativePath); // refuses anything the library could not have made
      } catch {
        return;
      }
      void make(relativePath);
    },
    iconFor(file) {
      const icon = icons.get(file);
      if (icon) return icon;
      placeholder ??= nativeImage.createFromBitmap(Buffer.alloc(PLACEHOLDER_SIZE * PLACEHOLDER_SIZE * 4, PLACEHOLDER_GREY), {
        width: PLACEHOLDER_SIZE,
        height: PLACEHOLDER_SIZE,
      });
      return placeholder;
    },
  };
}
