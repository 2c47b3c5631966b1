import type { AppCommand } from '../../../shared/contract.ts';

/**
 * The desktop menus as plain data, so their shape and shortcuts are testable without Electron.
 * electron/main/menu.ts turns this into a native Menu and wires the command ids.
 */

/** Electron's built-in menu roles this template uses (a subset of Electron's own union). */
export type MenuRole =
  | 'appMenu' | 'editMenu' | 'windowMenu' | 'help'
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'close'
  | 'reload' | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen';

/** App commands go to the studio window; shell commands are handled by the main process. */
export type ShellCommand = 'open-logs-folder';
export type MenuCommand = AppCommand | ShellCommand;

export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  command?: MenuCommand;
  submenu?: MenuItemSpec[];
}

export interface MenuOptions {
  appName: string;
  /** Adds reload and developer tools (unpackaged runs). */
  developer: boolean;
}

const separator: MenuItemSpec = { type: 'separator' };

/** The application menu for a platform: standard roles plus Atelier's own actions. */
export function buildMenuTemplate(platform: NodeJS.Platform, { appName, developer }: MenuOptions): MenuItemSpec[] {
  const mac = platform === 'darwin';
  // macOS puts Settings in the app menu with Cmd+,; elsewhere Ctrl+, under File is the convention.
  const settings: MenuItemSpec = { label: mac ? 'Settings…' : 'Settings', accelerator: mac ? 'CmdOrCtrl+,' : 'Ctrl+,', command: 'open-settings' };
  const newGeneration: MenuItemSpec = { label: 'New Generation', accelerator: 'CmdOrCtrl+N', command: 'new-generation' };
  // issue 13 names no shortcut for it: the selection's, or else the whole library's, Export dialog
  const exportItem: MenuItemSpec = { label: 'Export…', command: 'export' };
  // beside it, as artists look for taking work in where they take it out (no shortcut named either)
  const importItem: MenuItemSpec = { label: 'Import…', command: 'import' };

  const appMenu: MenuItemSpec = {
    label: appName,
    role: 'appMenu',
    submenu: [
      { role: 'about', label: `About ${appName}` },
      separator,
      settings,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit', label: `Quit ${appName}` },
    ],
  };
  const file: MenuItemSpec = {
    label: mac ? 'File' : '&File',
    submenu: mac
      ? [newGeneration, separator, exportItem, importItem, separator, { role: 'close' }]
      : [newGeneration, separator, exportItem, importItem, separator, settings, separator, { role: 'quit', label: platform === 'win32' ? 'Exit' : 'Quit' }],
  };
  const view: MenuItemSpec = {
    label: mac ? 'View' : '&View',
    submenu: [
      { label: 'Search Library', accelerator: 'CmdOrCtrl+F', command: 'focus-search' },
      { label: 'Toggle Queue', accelerator: 'CmdOrCtrl+J', command: 'toggle-queue' },
      separator,
      ...(developer ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator] satisfies MenuItemSpec[] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemSpec = {
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [
      { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', command: 'show-shortcuts' },
      { label: 'Open Logs Folder', command: 'open-logs-folder' },
      ...(mac ? [] : [separator, { role: 'about', label: `About ${appName}` } satisfies MenuItemSpec]),
    ],
  };

  return [
    ...(mac ? [appMenu] : []),
    file,
    { label: mac ? 'Edit' : '&Edit', role: 'editMenu' },
    view,
    { label: mac ? 'Window' : '&Window', role: 'windowMenu' },
    help,
  ];
}

/** Every item that carries a command, depth first (for wiring and for tests). */
export function menuCommands(template: readonly MenuItemSpec[]): MenuItemSpec[] {
  return template.flatMap((item) => [...(item.command ? [item] : []), ...menuCommands(item.submenu ?? [])]);
}
