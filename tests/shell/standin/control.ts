/**
 * The harness's hands inside a stand-in process: plays the page (subscribes to every push through
 * `window.atelier`, invokes channels), plays the user and the OS (focus, close, quit, dock click,
 * notification click, dialog answers), and reports what the stand-in recorded.
 */
import { eventNames } from '../../../shared/contract.ts';
import type { Standin } from './electron.ts';
import { fetchThroughScheme } from './protocol.ts';
import { raw } from './strict.ts';
import type { RendererPage } from './renderer.ts';
import type { StandinBrowserWindow } from './windows.ts';
import type { World } from './world.ts';

interface AtelierBridge {
  invoke(channel: string, input?: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

type Request = { kind: 'call'; id: number; method: string; args: unknown[] };

const message = (error: unknown) => (error instanceof Error ? error.message : typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error));

export function serveControl(
  world: World,
  build: (onPageLoaded: (window: StandinBrowserWindow, page: RendererPage) => void) => Standin,
  send: (message: unknown) => void,
): { standin: Standin } {
  // The page's scripts would subscribe to every push at start; the harness does the same and forwards them.
  const standin = build((window, page) => {
    const atelier = page.exposed('atelier') as AtelierBridge | undefined;
    if (atelier && typeof atelier.on === 'function') {
      for (const event of eventNames) atelier.on(event, (payload) => world.note({ type: 'push', window: window.id, event, payload }));
    }
    world.note({ type: 'page', window: window.id, preload: page.preload?.error === undefined });
  });

  const windowById = (id?: number): StandinBrowserWindow => {
    const windows = standin.windows().map(raw);
    const window = id === undefined ? windows.at(-1) : windows.find((candidate) => candidate.id === id);
    if (!window) throw new Error(id === undefined ? 'No window is open' : `No window ${id}`);
    return window;
  };
  const page = (id?: number): RendererPage => {
    const current = raw(windowById(id).webContents).page;
    if (!current) throw new Error('The window has not loaded a page yet');
    return current;
  };

  const methods: Record<string, (...args: never[]) => unknown> = {
    snapshot: () => snapshot(standin),
    async invoke(channel: string, input: unknown, windowId?: number) {
      const atelier = page(windowId).exposed('atelier') as AtelierBridge | undefined;
      if (!atelier) throw new Error('The page has no window.atelier (did the preload run?)');
      try {
        return { resolved: await atelier.invoke(channel, input) };
      } catch (error) {
        return { rejected: message(error) };
      }
    },
    exposedKeys(windowId?: number) {
      const atelier = page(windowId).exposed('atelier');
      return typeof atelier === 'object' && atelier !== null ? Object.keys(atelier).sort() : null;
    },
    async invokeFromSubframe(channel: string, input: unknown) {
      const window = windowById();
      return { resolved: await page().invokeFromSubframe(window.webContents, channel, input) };
    },
    fetch: (url: string) => fetchThroughScheme(standin.protocol, url),
    window(action: 'blur' | 'focus' | 'close' | 'minimize', windowId?: number) {
      windowById(windowId)[action]();
    },
    requestNewWindow: (url: string) => raw(windowById().webContents).requestNewWindow(url),
    requestNavigation: (url: string) => raw(windowById().webContents).requestNavigation(url),
    app(action: 'quit' | 'activate') {
      if (action === 'quit') standin.app.quit();
      else standin.app.emit('activate', {}, standin.windows().some((window) => window.isVisible()));
    },
    answerDialogs(responses: number[]) {
      standin.desktop.answers.push(...responses);
    },
    answerOpenDialogs(answers: (string[] | null)[]) {
      standin.desktop.openAnswers.push(...answers);
    },
    answerSaveDialogs(answers: (string | null)[]) {
      standin.desktop.saveAnswers.push(...answers);
    },
    clickNotification(index: number, collectGarbageFirst = false) {
      if (collectGarbageFirst) (globalThis as { gc?: () => void }).gc?.();
      const shown = standin.notifications[index];
      if (!shown) throw new Error(`No notification ${index}`);
      const target = shown.target.deref();
      if (!target) return 'collected';
      target.emit('click', {});
      return 'clicked';
    },
    /** The OS closes notification `index` (the artist dismissed it): Electron emits 'close'. */
    dismissNotification(index: number) {
      const target = standin.notifications[index]?.target.deref();
      if (!target) throw new Error(`No notification ${index} is held`);
      target.emit('close', {});
    },
    clickMenu(id: string) {
      const item = standin.applicationMenu()?.getMenuItemById(id);
      if (!item) throw new Error(`No menu item ${id}`);
      item.click();
    },
  };

  process.on('message', (request: Request) => {
    if (request?.kind !== 'call') return;
    const method = methods[request.method];
    Promise.resolve()
      .then(() => {
        if (!method) throw new Error(`No control method ${request.method}`);
        return (method as (...args: unknown[]) => unknown)(...request.args);
      })
      .then(
        (result) => send({ kind: 'reply', id: request.id, result }),
        (error: unknown) => send({ kind: 'reply', id: request.id, error: message(error) }),
      );
  });
  return { standin };
}

/** Plain data about everything the stand-in recorded, for the scenarios' assertions. */
function snapshot(standin: Standin) {
  const menuItems = (items: readonly { id: string | undefined; label: string; role: string | undefined; submenu: { items: readonly unknown[] } | undefined }[]): unknown[] =>
    items.map((item) => ({ id: item.id, label: item.label, role: item.role, submenu: item.submenu ? menuItems(item.submenu.items as typeof items) : undefined }));
  return {
    ready: standin.world.ready,
    timeline: standin.world.timeline,
    violations: standin.world.violations,
    windows: standin.windows().map(raw).map((window) => ({
      id: window.id,
      options: window.options,
      bounds: window.getBounds(),
      visible: window.isVisible(),
      focused: window.isFocused(),
      url: window.webContents.getURL(),
      csp: raw(window.webContents).page?.csp,
      preload: raw(window.webContents).page?.preload,
    })),
    privilegedSchemes: standin.protocol.privileged,
    handledSchemes: [...standin.protocol.handlers.keys()],
    channels: [...standin.ipcMain.handlers.keys()],
    messageBoxes: standin.desktop.messageBoxes,
    errorBoxes: standin.desktop.errorBoxes,
    openDialogs: standin.desktop.openDialogs,
    saveDialogs: standin.desktop.saveDialogs,
    relaunches: standin.app.relaunches,
    opened: standin.desktop.opened,
    clipboard: standin.clipboard.current.map((entry) => ({ type: entry.type, bytes: entry.bytes })),
    notifications: standin.notifications.map(({ title, body }) => ({ title, body })),
    drags: standin.drags,
    menu: menuItems(standin.applicationMenu()?.items ?? []),
    singleInstanceLock: standin.app.hasSingleInstanceLock(),
    paths: { userData: standin.app.getPath('userData'), sessionData: standin.app.getPath('sessionData') },
  };
}

export type Snapshot = ReturnType<typeof snapshot>;
