/**
 * The Electron shell: lifecycle, the window, menus, notifications and the IPC transport over the
 * plain-Node core. Everything that decides anything lives in electron/core.
 */
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { startCore, type Core } from '../core/app.ts';
import { Failure } from '../core/failure.ts';
import { readLaunchConfig, type LaunchConfig } from '../core/config.ts';
import { desktopActions } from './desktop.ts';
import { connectIpc } from './ipc.ts';
import { safeKeyStore } from './key-store.ts';
import { rememberingKeys, routeConsoleToLog } from './logging.ts';
import { handleMediaScheme, registerMediaScheme } from './media-protocol.ts';
import { installMenu } from './menu.ts';
import { notifyFinishes } from './notifications.ts';
import { guardQuit } from './quit-guard.ts';
import { createStudioWindow } from './window.ts';

let core: Core | undefined;
let studio: BrowserWindow | undefined;
const currentWindow = () => (studio && !studio.isDestroyed() ? studio : undefined);

function readConfig(): LaunchConfig | undefined {
  try {
    return readLaunchConfig(process.env, process.argv);
  } catch (error) {
    console.error(`[atelier] ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function openStudio(config: LaunchConfig): BrowserWindow {
  const existing = currentWindow();
  if (existing) return existing;
  const window = createStudioWindow(config.dataDir);
  studio = window;
  const disconnect = core ? connectIpc(core, window) : () => {};
  window.on('closed', () => {
    disconnect();
    if (studio === window) studio = undefined;
  });
  return window;
}

function focusStudio(config: LaunchConfig): void {
  if (!core) return; // still starting: the window is on its way
  const window = openStudio(config);
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

async function launch(config: LaunchConfig, secrets: Set<string>): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId('studio.atelier.app'); // Windows shows notifications only with it
  const keyStore = rememberingKeys(safeKeyStore(config.dataDir), secrets);
  core = await startCore({
    ...config,
    keyStore,
    version: app.getVersion(),
    shell: 'electron',
    desktop: desktopActions(currentWindow),
  });
  handleMediaScheme(core.dataDir);
  const started = core;
  installMenu({ window: currentWindow, openWindow: () => openStudio(config), logsDir: path.join(started.dataDir, 'logs') });
  notifyFinishes(started, currentWindow);
  openStudio(config);
}

const config = readConfig();
// The library folder is also Electron's userData: the single-instance lock lives there, so two
// libraries (--data-dir) can be open at once but one library never twice; the core's library.lock
// keeps a preview host (or anything else) off a library this app has open, and the other way round.
if (config) app.setPath('userData', config.dataDir);

if (!config) {
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  console.info('[atelier] already running with this library: focusing that window instead.');
  app.exit(0);
} else {
  const secrets = new Set<string>(config.apiKey ? [config.apiKey] : []);
  routeConsoleToLog(path.join(config.dataDir, 'logs'), () => secrets);
  registerMediaScheme();
  guardQuit({ core: () => core, window: currentWindow, reopen: () => focusStudio(config) });

  app.on('second-instance', () => focusStudio(config));
  app.on('activate', () => focusStudio(config));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.whenReady()
    .then(() => launch(config, secrets))
    .catch((error: unknown) => {
      console.error('[atelier] could not start:', error);
      // e.g. the library is open in another window or process, or its folder is read-only: say so
      const words = error instanceof Failure ? error.message : 'Something went wrong while starting. The details are in the log.';
      dialog.showErrorBox('Atelier could not open the library', words);
      app.exit(1);
    });
}
