import { describe, expect, it } from 'vitest';
import { pathPicker, pickedPath, pickPath } from '../../electron/core/desktop/path-picker.ts';
import { pathPurposes } from '../../shared/contract.ts';

describe('the native dialogs of Export… and Import…', () => {
  const now = Date.UTC(2026, 11, 1, 9, 30);

  it('asks where to save a ZIP, named for the day, only .zip, confirming before overwriting', () => {
    expect(pathPicker('export-zip', now)).toEqual({
      dialog: 'save',
      options: {
        title: 'Export to a ZIP file', buttonLabel: 'Export here', defaultPath: 'Atelier export 2026-12-01.zip',
        filters: [{ name: 'ZIP archive', extensions: ['zip'] }], properties: ['createDirectory', 'showOverwriteConfirmation'],
      },
    });
  });

  it('picks folders for a folder export and an import, a .zip file for a ZIP import', () => {
    expect(pathPicker('export-folder', now)).toMatchObject({ dialog: 'open', options: { properties: ['openDirectory', 'createDirectory'] } });
    expect(pathPicker('import-folder', now)).toMatchObject({ dialog: 'open', options: { properties: ['openDirectory'] } });
    expect(pathPicker('import-zip', now)).toMatchObject({ dialog: 'open', options: { properties: ['openFile'], filters: [{ extensions: ['zip'] }] } });
    for (const purpose of pathPurposes) expect(pathPicker(purpose, now).options.title).not.toBe('');
  });

  it('reads a save or open answer as one path, and a cancel (or an empty answer) as none', () => {
    expect(pickedPath({ canceled: false, filePath: '/home/a/x.zip' })).toBe('/home/a/x.zip');
    expect(pickedPath({ canceled: false, filePaths: ['/home/a/pics', '/home/a/more'] })).toBe('/home/a/pics');
    expect(pickedPath({ canceled: true, filePath: '/home/a/x.zip' })).toBeNull();
    expect(pickedPath({ canceled: false, filePath: '' })).toBeNull();
    expect(pickedPath({ canceled: false, filePaths: [] })).toBeNull();
  });

  it('is the desktop app’s: without its dialogs the answer says to type the path', async () => {
    await expect(pickPath(undefined, 'export-zip', now)).rejects.toThrow('Only the desktop app has file dialogs: type the full path instead.');
    const shown: unknown[] = [];
    const desktop = { startDrag() {}, copyImage() {}, showInFolder() {}, pickPath: async (picker: unknown) => (shown.push(picker), '/x/y.zip') };
    expect(await pickPath(desktop, 'export-zip', now)).toEqual({ path: '/x/y.zip' });
    expect(shown).toEqual([pathPicker('export-zip', now)]);
  });
});
