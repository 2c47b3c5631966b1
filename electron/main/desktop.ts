import { readFile } from 'node:fs/promises';
import { ClipboardItem, clipboard, dialog, shell, type BrowserWindow } from 'electron';
import sharp from 'sharp';
import type { DesktopActions } from '../core/desktop/desktop.ts';
import { pickedPath } from '../core/desktop/path-picker.ts';
import type { DragIcons } from './drag-icons.ts';

/** The image as PNG bytes: saved PNGs as they are, other formats (JPEG, WebP) converted. */
async function pngBytes(file: string): Promise<Buffer> {
  return file.toLowerCase().endsWith('.png') ? readFile(file) : sharp(file).png().toBuffer();
}

/**
 * Drag out, copy, show-in-folder and the native file dialogs for the core's image:* and dialog:pickPath channels. The core has already
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
    async pickPath(picker) {
      const parent = window();
      // attached to the window when there is one, so it stays in front of it
      const options = picker.options as Electron.SaveDialogOptions & Electron.OpenDialogOptions;
      const attached = parent && !parent.isDestroyed() ? parent : null;
      if (picker.dialog === 'save') return pickedPath(attached ? await dialog.showSaveDialog(attached, options) : await dialog.showSaveDialog(options));
      return pickedPath(attached ? await dialog.showOpenDialog(attached, options) : await dialog.showOpenDialog(options));
    },
  };
}
