import { readFile } from 'node:fs/promises';
import { ClipboardItem, clipboard, shell, type BrowserWindow } from 'electron';
import sharp from 'sharp';
import type { DesktopActions } from '../core/desktop/desktop.ts';
import type { DragIcons } from './drag-icons.ts';

/** The image as PNG bytes: saved PNGs as they are, other formats (JPEG, WebP) converted. */
async function pngBytes(file: string): Promise<Buffer> {
  return file.toLowerCase().endsWith('.png') ? readFile(file) : sharp(file).png().toBuffer();
}

/**
 * Drag out, copy and show-in-folder for the core's image:* channels. The core has already
 * resolved `file` from the library row and checked it lies inside the library folder.
 */
export function desktopActions(window: () => BrowserWindow | undefined, icons: DragIcons): DesktopActions {
  return {
    startDrag(file) {
      const target = window();
      if (!target || target.isDestroyed()) return;
      // Started before this request returns, while the mouse button is still down: nothing awaited here.
      target.webContents.startDrag({ file, icon: icons.iconFor(file) });
    },
    async copyImage(file) {
      // Electron 45's clipboard takes W3C ClipboardItems; image/png is the type every platform pastes.
      const png = await pngBytes(file);
      await clipboard.write([new ClipboardItem({ 'image/png': new Blob([new Uint8Array(png)], { type: 'image/png' }) })]);
    },
    showInFolder(file) {
      shell.showItemInFolder(file);
    },
  };
}
