/**
 * The Electron shell: lifecycle, the window, menus, notifications and the IPC transport over the
 * plain-Node core. Everything that decides anything lives in electron/core.
 */
import os from 'node:os';
import path from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { startCore, type Core } from '../core/app.ts';
import { readLaunchConfig, type LaunchConfig } from '../core/config.ts';
import { chromiumDataDir } from '../core/desktop/chromium-data.ts';
import { rendererSwitches } from '../core/desktop/renderer-switches.ts';
import { unsandboxedAppImageNotice } from '../core/desktop/sandbox-check.ts';
import { desktopActions } from './desktop.ts';
import { dragIcons } from './drag-icons.ts';
import { connectIpc } from './ipc.ts';
import { sessionKeyNotice } from './key-notice.ts';
import { safeKeyStore } from './key-store.ts';
import { rememberingKeys, routeConsoleToLog } from './logging.ts';
import { handleMediaScheme, registerMediaScheme } from './media-protocol.ts';
import { installMenu } from './menu.ts';
import { notifyFinishes } from './notifications.ts';
import { guardQuit } from './quit-guard.ts';
import { askAboutLibrary, refuseWithoutSandbox, relaunchOn, tellStartUpFailure } from './start-up-failure.ts';
import { createStudioWindow } from './window.ts';

let core: Core | undefined;
let studio: BrowserWindow | undefined;
const currentWindow = () => (studio && !studio.isDestroyed() ? studio : undefined);

/** Thrown by a start-up step that opens the library, so the artist is offered another one. */
class LibraryNotOpened extends Error {
  readonly reason: unknown;
  constructor(reason: unknown) {
    super('the library could not be opened', { cause: reason });
    this.reason = reason;
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
  const keyStore = rememberingKeys(safeKeyStore(config.dataDir, sessionKeyNotice(currentWindow)), secrets);
  const icons = dragIcons(config.dataDir);
  try {
    core = await startCore({
      ...config,
      keyStore,
      version: app.getVersion(),
      shell: 'electron',
      desktop: desktopActions(currentWindow, icons),
    });
  } catch (error) {
    throw new LibraryNotOpened(error);
  }
  handleMediaScheme(core.dataDir, (served) => icons.shown(served));
  const started = core;
  installMenu({ window: currentWindow, openWindow: () => openStudio(config), logsDir: path.join(started.dataDir, 'logs') });
  notifyFinishes(started, currentWindow);
  openStudio(config);
}

/** Everything after the single-instance lock; a throw here is a start-up failure (below). */
function startShell(config: LaunchConfig): void {
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
    .catch((error: unknown) => failStartUp(config.dataDir, error));
}

/**
 * A start that cannot go on: the library is let go and the lock released at once (so a later launch
 * starts afresh instead of "focusing" a window that will never open), the artist is told why, and
 * the app exits. When it was the library that failed, the artist may choose another one first.
 */
async function failStartUp(dataDir: string, error: unknown): Promise<void> {
  app.releaseSingleInstanceLock();
  const opened = core;
  core = undefined;
  await opened?.close().catch((closing: unknown) => console.error('[atelier] closing the library failed:', closing));
  const logsDir = path.join(dataDir, 'logs');
  if (!(error instanceof LibraryNotOpened)) {
    await tellStartUpFailure(error, logsDir);
    return app.exit(1);
  }
  const chosen = await askAboutLibrary(error.reason, dataDir, path.join(logsDir, 'atelier.log'));
  if (chosen === undefined) return app.exit(1);
  relaunchOn(chosen);
  app.exit(0);
}

function readConfig(): LaunchConfig | Error {
  try {
    return readLaunchConfig(process.env, process.argv);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

const config = readConfig();
// The library folder is also Electron's userData: the single-instance lock lives there, so two
// libraries (--data-dir) can be open at once but one library never twice; the core's library.lock
// keeps a preview host (or anything else) off a library this app has open, and the other way round.
// Chromium's own files go beside it, never into it (both paths must be set before ready).
if (!(config instanceof Error)) app.setPath('userData', config.dataDir);
app.setPath('sessionData', chromiumDataDir(app.getPath('appData'), app.name, app.getPath('userData')));
// before ready, so the window's renderers start with them (the launcher's core flags taken out, the artist's kept)
const givenJsFlags = app.commandLine.hasSwitch('js-flags') ? app.commandLine.getSwitchValue('js-flags') : null;
for (const [name, value] of rendererSwitches(os.availableParallelism(), givenJsFlags)) app.commandLine.appendSwitch(name, value);

const unsandboxed = unsandboxedAppImageNotice(process.platform, process.env.APPIMAGE, app.commandLine.hasSwitch('no-sandbox'));
if (unsandboxed) {
  void refuseWithoutSandbox(unsandboxed).then(() => app.exit(1));
} else if (config instanceof Error) {
  void tellStartUpFailure(config).then(() => app.exit(1));
} else if (!app.requestSingleInstanceLock()) {
  console.info('[atelier] already running with this library: focusing that window instead.');
  app.exit(0);
} else {
  try {
    startShell(config);
  } catch (error) {
    void failStartUp(config.dataDir, error);
  }
}
