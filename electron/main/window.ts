import { BrowserWindow, screen, shell } from 'electron';
import path from 'node:path';
import { isSafeExternalUrl } from '../core/links.ts';
import { MIN_SIZE, placeWindow, readWindowState, saveWindowState } from '../core/desktop/window-state.ts';

/** Display work areas, primary first (where a window with no usable saved place opens). */
function workAreas() {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map((display) => display.workArea);
}

/**
 * The studio window with Electron's secure defaults, at the size and place it had last time
 * (saved in the data folder). Navigation and new windows are denied; web links open in the browser.
 */
export function createStudioWindow(dataDir: string): BrowserWindow {
  const place = placeWindow(readWindowState(dataDir), workAreas());
  const window = new BrowserWindow({
    ...place.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    backgroundColor: '#111214',
    title: 'Atelier',
    webPreferences: {
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => {
    if (place.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    try {
      saveWindowState(dataDir, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      console.warn('[atelier] could not remember the window size:', error);
    }
  });

  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // The studio is one page: any navigation is refused; a plain link to the web opens in the browser.
  window.webContents.on('will-navigate', (event, url) => {
    event.preventDefault();
    const own = new URL(window.webContents.getURL() || 'about:blank');
    if (isSafeExternalUrl(url) && new URL(url).origin !== own.origin) void shell.openExternal(url);
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl) void window.loadURL(devUrl);
  else void window.loadFile(path.join(import.meta.dirname, '../renderer/index.html'));
  return window;
}
