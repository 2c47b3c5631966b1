import type { PathPicker } from './path-picker.ts';
import { existsSync } from 'node:fs';
import type { Library } from '../library/database.ts';
import { getGeneration } from '../library/generations.ts';
import { toAbsolutePath } from '../media/layout.ts';
import { Failure } from '../failure.ts';

/**
 * What only the desktop shell can do with a saved image. Electron's main process passes an
 * implementation into the core; the browser preview has none.
 */
export interface DesktopActions {
  /** Starts dragging the file out of the window into another app. */
  startDrag(file: string): void | Promise<void>;
  /** Puts the image on the system clipboard. */
  copyImage(file: string): void | Promise<void>;
  /** Opens the file manager with the file selected. */
  showInFolder(file: string): void | Promise<void>;
  /** Shows a native save or folder dialog (path-picker.ts decides which); the path picked, or null. */
  pickPath?(picker: PathPicker): Promise<string | null>;
}

/** The actions on one saved image (the file dialogs are not: they take no image). */
export type DesktopAction = Exclude<keyof DesktopActions, 'pickPath'>;

const NEEDS_DESKTOP: Record<DesktopAction, string> = {
  startDrag: 'Only the desktop app can drag an image into another app.',
  copyImage: 'Only the desktop app can copy an image to the clipboard.',
  showInFolder: 'Only the desktop app can show an image in its folder.',
};

/**
 * The absolute path of one saved image, taken from the library row (never from the renderer),
 * checked to stay inside the data folder and to exist on disk.
 */
export function savedImageFile(db: Library, dataDir: string, generationId: number, index: number): string {
  const image = getGeneration(db, generationId).images.find((candidate) => candidate.index === index);
  if (!image) throw new Failure('not_found', 'This image is not in the library.', { generationId, index });
  if (image.file === null || image.state !== 'done') {
    throw new Failure('conflict', 'This image has not been saved into the library yet.', { generationId, index, state: image.state });
  }
  const file = toAbsolutePath(dataDir, image.file);
  if (!existsSync(file)) throw new Failure('not_found', 'The image file is missing from the library folder.', { generationId, index });
  return file;
}

/** Runs a desktop action on a saved image, or fails clearly where no desktop shell is attached. */
export function runDesktopAction(
  desktop: DesktopActions | undefined,
  action: DesktopAction,
  target: { db: Library; dataDir: string; generationId: number; index: number },
): void | Promise<void> {
  if (!desktop) throw new Failure('conflict', NEEDS_DESKTOP[action]);
  return desktop[action](savedImageFile(target.db, target.dataDir, target.generationId, target.index));
}
