import type { PathPurpose } from '../../../shared/contract.ts';
import { Failure } from '../failure.ts';
import type { DesktopActions } from './desktop.ts';

/**
 * The native save and folder dialogs of Export… and Import…, as plain data: which dialog, with
 * which options (Electron's own keys), for each purpose. electron/main only shows them.
 */
export type PathPicker =
  | { dialog: 'save'; options: { title: string; buttonLabel: string; defaultPath: string; filters: { name: string; extensions: string[] }[]; properties: string[] } }
  | { dialog: 'open'; options: { title: string; buttonLabel: string; properties: string[]; filters?: { name: string; extensions: string[] }[] } };

const ZIP_FILTER = [{ name: 'ZIP archive', extensions: ['zip'] }];

/** The dialog for a purpose; a ZIP is named for the day, as a folder export is. */
export function pathPicker(purpose: PathPurpose, now: number): PathPicker {
  switch (purpose) {
    case 'export-zip':
      return {
        dialog: 'save',
        options: {
          title: 'Export to a ZIP file', buttonLabel: 'Export here', defaultPath: `Atelier export ${new Date(now).toISOString().slice(0, 10)}.zip`,
          filters: ZIP_FILTER, properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      };
    case 'export-folder':
      return { dialog: 'open', options: { title: 'Export into a folder', buttonLabel: 'Export here', properties: ['openDirectory', 'createDirectory'] } };
    case 'import-folder':
      return { dialog: 'open', options: { title: 'Import a folder', buttonLabel: 'Import', properties: ['openDirectory'] } };
    case 'import-zip':
      return { dialog: 'open', options: { title: 'Import a ZIP file', buttonLabel: 'Import', properties: ['openFile'], filters: ZIP_FILTER } };
  }
}

/** The path a dialog's answer names (Electron's save and open answers), or null when cancelled. */
export function pickedPath(answer: { canceled: boolean; filePath?: string; filePaths?: string[] }): string | null {
  if (answer.canceled) return null;
  const path = answer.filePath ?? answer.filePaths?.[0];
  return path === undefined || path === '' ? null : path;
}

/** Shows the dialog for `purpose` in the desktop app; the preview has none (its dialogs take typed paths). */
export async function pickPath(desktop: DesktopActions | undefined, purpose: PathPurpose, now: number): Promise<{ path: string | null }> {
  if (desktop?.pickPath === undefined) throw new Failure('conflict', 'Only the desktop app has file dialogs: type the full path instead.');
  return { path: await desktop.pickPath(pathPicker(purpose, now)) };
}
