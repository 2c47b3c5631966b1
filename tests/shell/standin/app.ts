/**
 * `app`: lifecycle (ready, quit, exit and their events in Electron's order), paths, the
 * single-instance lock, Chromium's command-line switches and relaunching. Chromium's profile files
 * appear in sessionData at ready, as they do.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SingleInstance, type SecondLaunch } from './single-instance.ts';
import { strict } from './strict.ts';
import type { World } from './world.ts';

/** The preventable event object Electron passes to before-quit, will-quit and close. */
export function preventableEvent(): { preventDefault(): void; readonly defaultPrevented: boolean } {
  let prevented = false;
  return {
    preventDefault: () => void (prevented = true),
    get defaultPrevented() {
      return prevented;
    },
  };
}

// What Chromium writes into sessionData as soon as the default session exists.
const CHROMIUM_PROFILE = ['Cache', 'Code Cache', 'GPUCache', 'Local Storage', 'Session Storage', 'Dictionaries'];

export interface AppHooks {
  /** Closes every window for a quit; false when one refused (its 'close' was prevented). */
  closeAllWindows(): boolean;
}

/**
 * `app.commandLine`: Chromium's switches, read from the command line the process was started with,
 * and those the app appends (for the child processes Chromium starts later: Electron's
 * `appendSwitch` never changes process.argv). Each append is on the timeline, so a scenario can
 * tell it came before ready, when the window's renderers have not been started yet.
 */
function commandLine(world: World): object {
  const appended = new Map<string, string>();
  const switches = () => {
    const found = new Map<string, string>();
    for (const arg of process.argv.slice(1)) {
      if (arg === '--') break;
      const match = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
      if (match?.[1]) found.set(match[1], match[2] ?? '');
    }
    for (const [name, value] of appended) found.set(name, value);
    return found;
  };
  return strict(
    {
      hasSwitch: (name: string) => switches().has(String(name)),
      getSwitchValue: (name: string) => switches().get(String(name)) ?? '',
      appendSwitch: (name: string, value?: string) => {
        appended.set(String(name), value === undefined ? '' : String(value));
        world.record(`app.commandLine.appendSwitch ${String(name)}${value === undefined ? '' : `=${String(value)}`}`);
      },
    },
    'app.commandLine',
  );
}

/** A relaunch asked for with app.relaunch: the command line the next process gets once this one exits. */
export interface Relaunch {
  execPath: string;
  args: string[];
}

interface AppPackage {
  name: string;
  productName?: string;
  version: string;
}

export class StandinApp extends EventEmitter {
  private readonly _world: World;
  private readonly _paths = new Map<string, string>();
  private readonly _package: AppPackage;
  private readonly _lock = new SingleInstance();
  private readonly _pendingLaunches: SecondLaunch[] = [];
  private _hooks: AppHooks | undefined;
  private _name: string;
  private readonly _readyPromise: Promise<void>;
  readonly commandLine: object;
  private readonly _relaunches: Relaunch[] = [];

  constructor(world: World) {
    super();
    this._world = world;
    this.commandLine = commandLine(world);
    this._package = JSON.parse(readFileSync(path.join(world.options.appDir, 'package.json'), 'utf8')) as AppPackage;
    this._name = this._package.productName ?? this._package.name;
    const { home, platform } = world.options;
    const appData =
      platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : platform === 'win32'
          ? path.join(home, 'AppData', 'Roaming')
          : path.join(home, '.config');
    this._paths.set('home', home).set('appData', appData).set('temp', path.join(home, 'tmp')).set('exe', process.execPath);
    this._readyPromise = new Promise((resolve) => world.whenReady(resolve));
  }

  /** Relaunches asked for (the harness starts them itself, from the notes sent at exit). */
  get relaunches(): readonly Relaunch[] {
    return this._relaunches;
  }

  /** Connects the window side (set once by the module map). */
  attach(hooks: AppHooks): void {
    this._hooks = hooks;
  }

  get name(): string {
    return this._name;
  }
  set name(value: string) {
    this._name = value;
  }
  get isPackaged(): boolean {
    return this._world.options.isPackaged;
  }
  getName(): string {
    return this._name;
  }
  getVersion(): string {
    return this._package.version;
  }
  getAppPath(): string {
    return this._world.options.appDir;
  }
  isReady(): boolean {
    return this._world.ready;
  }
  whenReady(): Promise<void> {
    return this._readyPromise;
  }

  getPath(name: string): string {
    const value = this._pathOf(name);
    if (value === undefined) throw new Error(`Failed to get '${name}' path`);
    return value;
  }

  setPath(name: string, value: string): void {
    if (!path.isAbsolute(value)) throw new Error(`Path must be absolute: ${value}`);
    if (this._world.ready && name === 'sessionData') this._world.violation(`app.setPath('sessionData') after ready: the default session already lives in ${this.getPath('sessionData')}`);
    this._world.record(`app.setPath ${name}`);
    this._paths.set(name, value);
  }

  private _pathOf(name: string): string | undefined {
    const set = this._paths.get(name);
    if (set !== undefined) return set;
    if (name === 'userData') return path.join(this.getPath('appData'), this._name);
    if (name === 'sessionData') return this.getPath('userData');
    if (name === 'logs') return path.join(this.getPath('userData'), 'logs');
    if (name === 'crashDumps') return path.join(this.getPath('userData'), 'Crashpad');
    return undefined;
  }

  requestSingleInstanceLock(additionalData?: unknown): boolean {
    this._world.record('app.requestSingleInstanceLock');
    const launch = { argv: process.argv, workingDirectory: process.cwd(), additionalData: additionalData ?? null };
    return this._lock.request(this.getPath('userData'), launch, (second) => {
      if (this._world.ready) this._secondInstance(second);
      else this._pendingLaunches.push(second);
    });
  }
  hasSingleInstanceLock(): boolean {
    return this._lock.held;
  }
  releaseSingleInstanceLock(): void {
    this._lock.release();
  }

  private _secondInstance(launch: SecondLaunch): void {
    this._world.record('second-instance');
    this._world.note({ type: 'second-instance' });
    this.emit('second-instance', preventableEvent(), launch.argv, launch.workingDirectory, launch.additionalData);
  }

  /** As Electron's: the new process starts when this one exits; `args` replaces everything after the executable. */
  relaunch(options?: { args?: unknown; execPath?: unknown }): void {
    const args = Array.isArray(options?.args) && options.args.every((arg) => typeof arg === 'string') ? options.args : undefined;
    const execPath = typeof options?.execPath === 'string' ? options.execPath : undefined;
    const relaunch = args || execPath ? { execPath: execPath ?? process.execPath, args: args ?? [] } : { execPath: process.execPath, args: process.argv.slice(1) };
    this._relaunches.push(relaunch);
    this._world.record('app.relaunch');
  }

  setAppUserModelId(id: string): void {
    if (this._world.options.platform !== 'win32') this._world.violation(`app.setAppUserModelId('${id}') outside Windows`);
  }

  /** Called by the child once the main script has been evaluated, as Electron does. */
  becomeReady(): void {
    if (this._world.ending) return;
    this.emit('will-finish-launching');
    const sessionData = this.getPath('sessionData');
    for (const folder of CHROMIUM_PROFILE) mkdirSync(path.join(sessionData, folder), { recursive: true });
    writeFileSync(path.join(sessionData, 'Preferences'), '{}');
    this._world.markReady();
    this.emit('ready', preventableEvent(), {});
    for (const launch of this._pendingLaunches.splice(0)) this._secondInstance(launch);
  }

  /** Electron's default when no one listens: the last window closing quits the app. */
  allWindowsClosed(): void {
    if (this._world.ending) return;
    this._world.record('window-all-closed');
    if (this.listenerCount('window-all-closed') === 0) this.quit();
    else this.emit('window-all-closed');
  }

  quit(): void {
    this._world.record('app.quit');
    setImmediate(() => {
      if (this._world.ending) return;
      const beforeQuit = preventableEvent();
      this.emit('before-quit', beforeQuit);
      if (beforeQuit.defaultPrevented) return this._world.record('quit held (before-quit)');
      if (this._hooks && !this._hooks.closeAllWindows()) return this._world.record('quit held (a window refused to close)');
      const willQuit = preventableEvent();
      this.emit('will-quit', willQuit);
      if (willQuit.defaultPrevented) return this._world.record('quit held (will-quit)');
      this.emit('quit', preventableEvent(), 0);
      void this._end(0);
    });
  }

  exit(exitCode = 0): void {
    this._world.record(`app.exit ${exitCode}`);
    void this._end(exitCode);
  }

  private async _end(code: number): Promise<void> {
    if (this._world.ending) return;
    this._world.ending = true;
    await this._lock.handOver;
    this._lock.release();
    for (const relaunch of this._relaunches) this._world.note({ type: 'relaunch', ...relaunch });
    this._world.note({ type: 'exit', code });
    await this._world.flush();
    process.exit(code);
  }
}

/** The `app` export: the stand-in, strict about anything it does not model. */
export function createApp(world: World): { app: StandinApp; exported: StandinApp } {
  const app = new StandinApp(world);
  return { app, exported: strict(app, 'app', ['attach', 'becomeReady', 'allWindowsClosed', 'relaunches']) };
}
