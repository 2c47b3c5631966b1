import { app, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuCommand, type MenuItemSpec } from '../core/desktop/menu-template.ts';

export interface MenuWiring {
  /** The studio window, if one is open. */
  window(): BrowserWindow | undefined;
  /** Opens a studio window when none is (macOS keeps running with no window). */
  openWindow(): BrowserWindow;
  logsDir: string;
}

/**
 * Installs the native application menu from the plain template. App commands go to the studio as
 * `app:command` push events (each item's id is its command, so tests can click it by id); shell
 * commands run here.
 */
export function installMenu(wiring: MenuWiring): void {
  const run = (command: MenuCommand) => {
    if (command === 'open-logs-folder') {
      void shell.openPath(wiring.logsDir).then((problem) => {
        if (problem) console.error('[atelier] could not open the logs folder:', problem);
      });
      return;
    }
    const window = wiring.window() ?? wiring.openWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    window.webContents.send('app:command', { command });
  };
  const toElectron = ({ command, submenu, ...item }: MenuItemSpec): MenuItemConstructorOptions => ({
    ...item,
    ...(command ? { id: command, click: () => run(command) } : {}),
    ...(submenu ? { submenu: submenu.map(toElectron) } : {}),
  });
  const template = buildMenuTemplate(process.platform, { appName: app.name, developer: !app.isPackaged });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template.map(toElectron)));
}
