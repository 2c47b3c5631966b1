/**
 * One loaded page of a sandboxed, context-isolated window, run the way Electron runs it: the page's
 * CSP is read from its HTML; the preload is CommonJS wrapped in a function and run in an isolated
 * world with only the requires init.ts allows; contextBridge copies into the page's main world;
 * IPC is structured-cloned in both directions. The page's own scripts are not run (real Chromium
 * runs them in the Playwright suites); the harness plays the page through `window.atelier`.
 */
import events, { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import timers from 'node:timers';
import url from 'node:url';
import { bridge, createRealm, runInRealm, type Realm } from './bridge.ts';
import type { InvokeEvent } from './ipc-main.ts';
import { raw, strict, unmodelled } from './strict.ts';
import type { StandinBrowserWindow, StandinWebContents, WindowContext } from './windows.ts';

/** The Content-Security-Policy a page declares in a `<meta http-equiv>` tag, or undefined. */
export function metaCsp(html: string): string | undefined {
  for (const tag of html.match(/<meta\b[^>]*>/gis) ?? []) {
    if (!/http-equiv\s*=\s*["']content-security-policy["']/i.test(tag)) continue;
    return /content\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? /content\s*=\s*'([^']*)'/i.exec(tag)?.[1];
  }
  return undefined;
}

/** Web APIs a page's worlds have (what the bundled preload may touch), none of Node's. */
function webGlobals(label: string): Record<string, unknown> {
  const log = (level: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]) => console[level](`[${label}]`, ...args);
  return {
    console: { log: log('log'), info: log('info'), warn: log('warn'), error: log('error'), debug: log('log') },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    structuredClone,
    URL,
    URLSearchParams,
    TextEncoder,
    TextDecoder,
    atob,
    btoa,
    crypto: globalThis.crypto,
  };
}

export interface PreloadRun {
  /** The channels ipcMain answered at the moment the preload started. */
  channelsReady: string[];
  error: string | undefined;
  /** Keys the preload exposed on the main world. */
  exposed: string[];
}

export class RendererPage {
  readonly file: string;
  readonly csp: string | undefined;
  readonly mainWorld: Realm;
  readonly preload: PreloadRun | undefined;
  private readonly _isolated: Realm;
  private readonly _ipcRenderer: EventEmitter;
  private readonly _context: WindowContext;
  private _closed = false;

  constructor(context: WindowContext, window: StandinBrowserWindow, contents: StandinWebContents, file: string) {
    this._context = context;
    this.file = file;
    this.csp = metaCsp(readFileSync(file, 'utf8'));
    this.mainWorld = createRealm(webGlobals('page'));
    this._isolated = createRealm(webGlobals('preload'));
    this._ipcRenderer = this._makeIpcRenderer(window, contents);
    const preload = raw(window).options.webPreferences?.preload;
    this.preload = preload === undefined ? undefined : this._runPreload(window, preload);
  }

  /** The main world's `window.<key>`, as the page's scripts would see it. */
  exposed(key: string): unknown {
    return this.mainWorld.global[key];
  }

  /** A message from webContents.send, delivered to the preload's listeners a task later. */
  deliver(channel: string, args: unknown[]): void {
    setImmediate(() => {
      if (!this._closed) this._ipcRenderer.emit(channel, strict({ sender: this._ipcRenderer, senderId: 0, ports: [] }, 'IpcRendererEvent'), ...args);
    });
  }

  close(): void {
    this._closed = true;
  }

  private _makeIpcRenderer(window: StandinBrowserWindow, contents: StandinWebContents): EventEmitter {
    const ipcMain = this._context.ipcMain;
    const inRequest = this._context.inRequest;
    const eventFor = (frame: object): InvokeEvent => strict({ sender: contents, senderFrame: frame, processId: contents.id, frameId: 1 }, 'IpcMainInvokeEvent');
    class IpcRenderer extends EventEmitter {
      invoke(channel: string, ...args: unknown[]): Promise<unknown> {
        if (typeof channel !== 'string') throw new TypeError('Missing required channel argument');
        return ipcMain.invoke(eventFor(window.webContents.mainFrame), channel, args, inRequest);
      }
    }
    return strict(new IpcRenderer(), 'ipcRenderer');
  }

  /** A request from a frame other than the window's top frame (an iframe), for the sender checks. */
  invokeFromSubframe(contents: StandinWebContents, channel: string, input: unknown): Promise<unknown> {
    const frame = strict({ routingId: 2, processId: contents.id, url: 'about:blank', parent: contents.mainFrame, top: contents.mainFrame }, 'WebFrameMain');
    const event = strict({ sender: contents, senderFrame: frame, processId: contents.id, frameId: 2 }, 'IpcMainInvokeEvent');
    return this._context.ipcMain.invoke(event, channel, [input], this._context.inRequest);
  }

  private _runPreload(window: StandinBrowserWindow, preload: string): PreloadRun {
    const { world, ipcMain } = this._context;
    const channelsReady = [...ipcMain.handlers.keys()];
    world.record(`preload ${window.id}`);
    const exposedBefore = new Set(Object.keys(this.mainWorld.global));
    const run = (error?: string): PreloadRun => ({
      channelsReady,
      error,
      exposed: Object.keys(this.mainWorld.global).filter((key) => !exposedBefore.has(key)),
    });
    try {
      const prefs = raw(window).options.webPreferences ?? {};
      if (!path.isAbsolute(preload)) throw new Error(`preload path must be absolute: ${preload}`);
      if (prefs.sandbox !== true || prefs.contextIsolation === false) {
        throw new Error('The stand-in runs sandboxed, context-isolated preloads only (webPreferences.sandbox: true, contextIsolation: true)');
      }
      const source = readFileSync(preload, 'utf8');
      const wrapper = `(function(require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {${source}\n})`;
      const run = runInRealm(this._isolated, wrapper, preload) as (...args: unknown[]) => void;
      const exports = {};
      run(this._preloadRequire(), this._preloadProcess(), Buffer, this._isolated.global, setImmediate, clearImmediate, exports, { exports });
    } catch (error) {
      // Electron logs this and goes on loading the page without whatever the preload would have exposed.
      const message = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error) ? String((error as Error).message) : String(error);
      console.error(`Unable to load preload script: ${preload}\n${message}`);
      world.note({ type: 'preload-error', preload, message });
      return run(message);
    }
    return run();
  }

  private _preloadRequire(): (name: string) => unknown {
    const { preloadExports } = this._context;
    const electron: Record<string, unknown> = {};
    for (const name of preloadExports.electron) electron[name] = unmodelled(name);
    electron.ipcRenderer = this._ipcRenderer;
    electron.contextBridge = strict({ exposeInMainWorld: (key: string, api: unknown) => this._expose(key, api) }, 'contextBridge');
    const modules: Record<string, unknown> = {
      electron,
      'electron/common': electron,
      'electron/renderer': electron,
      events,
      'node:events': events,
      timers,
      'node:timers': timers,
      url,
      'node:url': url,
    };
    return (name: string) => {
      if (preloadExports.require.includes(name) && name in modules) return modules[name];
      throw new Error(`module not found: ${name}`);
    };
  }

  private _preloadProcess(): EventEmitter {
    return Object.assign(new EventEmitter(), {
      type: 'renderer',
      sandboxed: true,
      contextIsolated: true,
      platform: this._context.world.options.platform,
      arch: process.arch,
      versions: { ...process.versions },
      env: {},
      argv: [],
      execPath: process.execPath,
      pid: process.pid,
    });
  }

  private _expose(key: string, api: unknown): void {
    if (typeof key !== 'string') throw new TypeError('The key must be a string');
    if (Object.hasOwn(this.mainWorld.global, key)) throw new Error('Cannot bind an API on top of an existing property on the window object');
    this.mainWorld.global[key] = bridge(api, this._isolated, this.mainWorld);
  }
}
