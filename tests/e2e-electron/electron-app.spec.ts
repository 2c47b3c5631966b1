import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/lib/electron-binary.ts';
import { tempDir } from '../support/temp-dir.ts';

const binary = findElectronBinary();
const root = path.resolve(import.meta.dirname, '../..');

test.skip(!binary.found, `Electron end-to-end skipped: ${binary.found ? '' : binary.reason}`);

test('the desktop app opens a sandboxed window that shows app:info over IPC', async () => {
  if (!binary.found) return;
  const dir = tempDir('atelier-electron-');
  const app = await electron.launch({
    executablePath: binary.path,
    args: [root],
    env: { ...process.env, ATELIER_DATA_DIR: dir.path, ATELIER_API_KEY: '' },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.locator('.app[data-ready="true"]')).toBeVisible();
    await expect(window.getByTestId('app-shell')).toHaveText('Desktop app');
    await expect(window.getByTestId('app-data-dir')).toHaveText(dir.path);
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => Object.keys((globalThis as unknown as { atelier: object }).atelier).sort())).toEqual(['invoke', 'on']);
  } finally {
    await app.close();
    dir.remove();
  }
});
