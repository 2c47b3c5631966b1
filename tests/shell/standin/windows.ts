/**
 * `BrowserWindow` and its `webContents`: windows exist only after ready, keep their options, focus
 * and bounds, and close with Electron's events. Loading a file runs the page (renderer.ts) a task later,
 * as a real navigation would.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { preventableEvent, type StandinApp } from './app.ts';
import type { StandinIpcMain } from './ipc-main.ts';
import { StandinNativeImage } from './native-image.ts';
import { RendererPage } from './renderer.ts';
import { NotModelled, raw, strict } from './strict.ts';
import type { Rect, World } from './world.ts';

export interface WindowOptions extends Partial<Rect> {
  show?: boolean;
  webPreferences?: {
    preload?: string;
    contextIsolation?: boolean;
    sandbox?: boolean;
    nodeIntegration?: boolean;
    webSecurity?: boolean;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface Drag {
  file: string;
  iconSize: { width: number; height: number };
  /** Whether startDrag ran inside the renderer's request (a later task may be after the mouse is up). */
  duringRequest: boolean;
}

/** What the windows share: the app, ipcMain, the page's bridge settings, and what the harness records. */
export interface WindowContext {
  world: World;
  app: StandinApp;
  ipcMain: StandinIpcMain;
  preloadExports: { electron: string[]; require: string[] };
  drags: Drag[];
  /** Set while an ipcMain handler runs its synchronous part (for Drag.duringRequest). */
  inRequest: { current: boolean };
  onPageLoaded(window: StandinBrowserWindow, page: RendererPage): void;
}

const destroyedError = () => new TypeError('Object has been destroyed');

export class StandinWebContents extends EventEmitter {
  readonly id: number;
  readonly mainFrame: object;
  private _page: RendererPage | undefined;
  private _url = '';
  private _destroyed = false;
  private _openHandler: ((details: { url: string }) => { action: string }) | undefined;
  private readonly _owner: StandinBrowserWindow;
  private readonly _context: WindowContext;

  constructor(id: number, owner: StandinBrowserWindow, context: WindowContext) {
    super();
    this.id = id;
    this._owner = owner;
    this._context = context;
    this.mainFrame = strict({ routingId: 1, processId: id, url: '', parent: null, top: null }, 'WebFrameMain');
  }

  /** The loaded page (for the harness). */
  get page(): RendererPage | undefined {
    return this._page;
  }
  isDestroyed(): boolean {
    return this._destroyed;
  }
  getURL(): string {
    return this._url;
  }
  loadFile(file: string): Promise<void> {
    return this.loadURL(pathToFileURL(path.resolve(file)).href);
  }
  loadURL(url: string): Promise<void> {
    if (this._destroyed) throw destroyedError();
    if (!url.startsWith('file:')) throw new NotModelled(`webContents.loadURL('${url}') (only file: pages are modelled)`);
    this._url = url;
    this._context.world.record(`webContents.load ${this.id}`);
    return new Promise((resolve, reject) => {
      setImmediate(() => {
        const file = fileURLToPath(url);
        if (this._destroyed) return reject(new Error(`ERR_ABORTED (-3) loading '${url}'`));
        if (!existsSync(file)) {
          this.emit('did-fail-load', preventableEvent(), -6, 'ERR_FILE_NOT_FOUND', url);
          return reject(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`));
        }
        this._page = new RendererPage(this._context, this._owner, this, file);
        this.emit('dom-ready', preventableEvent());
        this.emit('did-finish-load', preventableEvent());
        this._context.onPageLoaded(this._owner, this._page);
        this._owner.emit('ready-to-show', preventableEvent());
        resolve();
      });
    });
  }
  send(channel: string, ...args: unknown[]): void {
    if (this._destroyed) throw destroyedError();
    if (typeof channel !== 'string') throw new TypeError('Missing required channel argument');
    this._page?.deliver(channel, structuredClone(args));
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this._openHandler = handler;
  }
  startDrag(item: { file?: string; files?: string[]; icon?: unknown }): void {
    const file = item?.file ?? item?.files?.[0];
    if (!item?.icon) throw new Error("Must specify 'icon' option");
    if (!(item.icon instanceof StandinNativeImage)) throw new TypeError('icon must be a NativeImage');
    if (item.icon.isEmpty() && this._context.world.options.platform === 'darwin') throw new Error("Must specify non-empty 'icon' option");
    if (!file) throw new Error("Must specify either 'file' or 'files' option");
    const drag = { file, iconSize: item.icon.getSize(), duringRequest: this._context.inRequest.current };
    this._context.drags.push(drag);
    this._context.world.note({ type: 'drag', ...drag });
  }

  /** The harness: a page asks to open `url` in a new window; the answer is the app's. */
  requestNewWindow(url: string): string {
    return this._openHandler?.({ url }).action ?? 'allow';
  }
  /** The harness: the page navigates to `url`; true when the app prevented it. */
  requestNavigation(url: string): boolean {
    const event = preventableEvent();
    this.emit('will-navigate', event, url);
    return event.defaultPrevented;
  }
  destroy(): void {
    this._destroyed = true;
    this._page?.close();
  }
}

export class StandinBrowserWindow extends EventEmitter {
  static readonly all: StandinBrowserWindow[] = [];
  static context: WindowContext;
  private static _nextId = 1;

  readonly id: number;
  readonly options: WindowOptions;
  readonly webContents: StandinWebContents;
  private _bounds: Rect;
  private _visible: boolean;
  private _focused = false;
  private _minimized = false;
  private _maximized = false;
  private _destroyed = false;
  private _quitting = false;

  constructor(options: WindowOptions = {}) {
    const context = StandinBrowserWindow.context;
    if (!context.world.ready) throw new Error('Cannot create BrowserWindow before app is ready');
    super();
    this.id = StandinBrowserWindow._nextId++;
    this.options = structuredClone(options);
    const width = options.width ?? 800;
    const height = options.height ?? 600;
    const area = context.world.options.displays[0]?.workArea ?? { x: 0, y: 0, width: 1920, height: 1080 };
    this._bounds = {
      x: options.x ?? area.x + Math.round((area.width - width) / 2),
      y: options.y ?? area.y + Math.round((area.height - height) / 2),
      width,
      height,
    };
    this._visible = options.show !== false;
    const self = strict(this, 'BrowserWindow', ['options', 'closeForQuit']);
    this.webContents = strict(new StandinWebContents(this.id, self, context), 'webContents', ['page', 'requestNewWindow', 'requestNavigation', 'destroy']);
    StandinBrowserWindow.all.push(self);
    context.world.record(`BrowserWindow ${this.id}`);
    context.world.note({ type: 'window', id: this.id });
    if (this._visible) this.focus();
    return self;
  }

  static getAllWindows(): StandinBrowserWindow[] {
    return [...StandinBrowserWindow.all];
  }
  static getFocusedWindow(): StandinBrowserWindow | null {
    return StandinBrowserWindow.all.find((window) => window.isFocused()) ?? null;
  }
  static fromWebContents(contents: unknown): StandinBrowserWindow | null {
    return StandinBrowserWindow.all.find((window) => raw(window.webContents) === raw(contents)) ?? null;
  }

  private _alive(): void {
    if (this._destroyed) throw destroyedError();
  }
  isDestroyed(): boolean {
    return this._destroyed;
  }
  isVisible(): boolean {
    this._alive();
    return this._visible && !this._minimized;
  }
  isFocused(): boolean {
    this._alive();
    return this._focused;
  }
  isMinimized(): boolean {
    this._alive();
    return this._minimized;
  }
  isMaximized(): boolean {
    this._alive();
    return this._maximized;
  }
  show(): void {
    this._alive();
    const wasVisible = this._visible;
    this._visible = true;
    if (!wasVisible) this.emit('show');
    this.focus();
  }
  focus(): void {
    this._alive();
    for (const other of StandinBrowserWindow.all) if (raw(other) !== raw(this) && other.isFocused()) other.blur();
    if (this._focused) return;
    this._focused = true;
    this.emit('focus');
  }
  blur(): void {
    this._alive();
    if (!this._focused) return;
    this._focused = false;
    this.emit('blur');
  }
  minimize(): void {
    this._alive();
    this._minimized = true;
    this.blur();
    this.emit('minimize');
  }
  restore(): void {
    this._alive();
    if (!this._minimized) return;
    this._minimized = false;
    this.emit('restore');
  }
  maximize(): void {
    this._alive();
    this._maximized = true;
    this.emit('maximize');
  }
  getBounds(): Rect {
    this._alive();
    return { ...this._bounds };
  }
  getNormalBounds(): Rect {
    return this.getBounds();
  }
  setBounds(bounds: Partial<Rect>): void {
    this._alive();
    this._bounds = { ...this._bounds, ...bounds };
  }
  loadFile(file: string): Promise<void> {
    this._alive();
    return this.webContents.loadFile(file);
  }
  loadURL(url: string): Promise<void> {
    this._alive();
    return this.webContents.loadURL(url);
  }
  close(): void {
    if (this._destroyed) return;
    const event = preventableEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy(): void {
    if (this._destroyed) return;
    this._destroyed = true;
    this._focused = false;
    raw(this.webContents).destroy();
    StandinBrowserWindow.all.splice(StandinBrowserWindow.all.findIndex((window) => raw(window) === raw(this)), 1);
    StandinBrowserWindow.context.world.record(`closed ${this.id}`);
    this.emit('closed');
    if (StandinBrowserWindow.all.length === 0 && !this._quitting) StandinBrowserWindow.context.app.allWindowsClosed();
  }

  /** For a quit: ask to close ('close' may be prevented), then close without window-all-closed. */
  closeForQuit(): boolean {
    if (this._destroyed) return true;
    const event = preventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this._quitting = true;
    this.destroy();
    return true;
  }
}
