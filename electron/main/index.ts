/**
 * The Electron shell: lifecycle, the window, and the IPC transport over the plain-Node core.
 * Everything that decides anything lives in electron/core.
 */
import { app, BrowserWindow } from 'electron';
import { startCore, type Core } from '../core/app.ts';
import { readLaunchConfig } from '../core/config.ts';
import { connectIpc } from './ipc.ts';
import { safeKeyStore } from './key-store.ts';
import { handleMediaScheme, registerMediaScheme } from './media-protocol.ts';
import { createStudioWindow } from './window.ts';

let core: Core | undefined;
registerMediaScheme();

async function launch(): Promise<void> {
  const config = readLaunchConfig(process.env, process.argv);
  app.setPath('userData', config.dataDir);
  core = await startCore({ ...config, keyStore: safeKeyStore(config.dataDir), version: app.getVersion(), shell: 'electron' });
  handleMediaScheme(core.dataDir);
  const window = createStudioWindow();
  const disconnect = connectIpc(core, window);
  window.on('closed', disconnect);
}

app.whenReady().then(launch).catch((error: unknown) => {
  console.error('[atelier] could not start:', error);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (core && BrowserWindow.getAllWindows().length === 0) {
    const window = createStudioWindow();
    const disconnect = connectIpc(core, window);
    window.on('closed', disconnect);
  }
});

app.on('will-quit', () => {
  void core?.close();
});
