/**
 * The stand-in `electron` module for the main process: every listed export, modelled or not, plus
 * the records the harness reads (windows, IPC handlers, schemes, dialogs, clipboard, drags…).
 */
import { createApp, type StandinApp } from './app.ts';
import { createClipboard, StandinClipboardItem, type ClipboardContent } from './clipboard.ts';
import { createDialog, createShell, type DesktopRecord } from './dialog.ts';
import type { ElectronExports } from './exports.ts';
import { createIpcMain, type StandinIpcMain } from './ipc-main.ts';
import { createMenuClass, type StandinMenu } from './menu.ts';
import { createNativeImage } from './native-image.ts';
import { createNotificationClass, type ShownNotification } from './notification.ts';
import { createProtocol, type ProtocolRecord } from './protocol.ts';
import type { RendererPage } from './renderer.ts';
import { createSafeStorage } from './safe-storage.ts';
import { createScreen } from './screen.ts';
import { raw, strict, unmodelled } from './strict.ts';
import { StandinBrowserWindow, type Drag } from './windows.ts';
import type { World } from './world.ts';

/** Everything the harness can look at or act on in one stand-in process. */
export interface Standin {
  world: World;
  /** The module object the app's `import … from 'electron'` binds to. */
  electron: Record<string, unknown>;
  app: StandinApp;
  ipcMain: StandinIpcMain;
  protocol: ProtocolRecord;
  desktop: DesktopRecord;
  clipboard: { current: ClipboardContent };
  notifications: ShownNotification[];
  drags: Drag[];
  windows(): StandinBrowserWindow[];
  applicationMenu(): StandinMenu | null;
}

/** Builds the stand-in for one process; `onPageLoaded` hears of every page whose preload ran. */
export function createStandin(world: World, lists: ElectronExports, onPageLoaded: (window: StandinBrowserWindow, page: RendererPage) => void): Standin {
  const { app, exported: appExport } = createApp(world);
  const { ipcMain, exported: ipcMainExport } = createIpcMain(world);
  const protocol: ProtocolRecord = { privileged: [], handlers: new Map() };
  const answers = world.options.answers ?? {};
  const desktop: DesktopRecord = {
    messageBoxes: [],
    errorBoxes: [],
    answers: [...(answers.messageBoxes ?? [])],
    openDialogs: [],
    openAnswers: [...(answers.openDialogs ?? [])],
    saveDialogs: [],
    saveAnswers: [],
    opened: [],
  };
  const clipboard = { current: [] as ClipboardContent };
  const notifications: ShownNotification[] = [];
  const drags: Drag[] = [];
  StandinBrowserWindow.context = {
    world,
    app,
    ipcMain,
    preloadExports: lists.sandboxedPreload,
    drags,
    inRequest: { current: false },
    onPageLoaded,
  };
  app.attach({ closeAllWindows: () => StandinBrowserWindow.getAllWindows().every((window) => raw(window).closeForQuit()) });
  const menu = createMenuClass(world, () => StandinBrowserWindow.getFocusedWindow());

  const modelled: Record<string, unknown> = {
    app: appExport,
    BrowserWindow: strict(StandinBrowserWindow, 'BrowserWindow', ['all', 'context']),
    ClipboardItem: strict(StandinClipboardItem, 'ClipboardItem'),
    clipboard: createClipboard(world, clipboard),
    dialog: createDialog(world, desktop),
    ipcMain: ipcMainExport,
    Menu: menu.Menu,
    nativeImage: createNativeImage(world),
    Notification: strict(createNotificationClass(world, notifications), 'Notification'),
    protocol: createProtocol(world, protocol),
    safeStorage: createSafeStorage(world),
    screen: createScreen(world),
    shell: createShell(world, desktop),
  };
  const electron: Record<string, unknown> = {};
  for (const name of lists.main) electron[name] = name in modelled ? modelled[name] : unmodelled(name);
  const extra = Object.keys(modelled).filter((name) => !lists.main.includes(name));
  if (extra.length > 0) throw new Error(`The stand-in models ${extra.join(', ')}, which Electron ${lists.electron} does not export`);

  return {
    world,
    electron,
    app,
    ipcMain,
    protocol,
    desktop,
    clipboard,
    notifications,
    drags,
    windows: () => StandinBrowserWindow.getAllWindows(),
    applicationMenu: menu.applicationMenu,
  };
}
