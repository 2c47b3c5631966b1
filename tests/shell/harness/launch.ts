/**
 * Launching the built app under the stand-in, one process per launch (as Electron is), and talking
 * to it: calls into the child's control, and waits on what it reports. Waits are bounded, never
 * timed guesses: each resolves on the awaited report and fails loudly at its deadline.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ChildOptions } from '../standin/child.ts';
import type { Snapshot } from '../standin/control.ts';
import type { DisplaySpec, Note, StandinOptions } from '../standin/world.ts';

const childEntry = path.join(import.meta.dirname, '..', 'standin', 'child.ts');

export const ONE_DISPLAY: DisplaySpec[] = [
  { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 },
];

export interface LaunchOptions extends Partial<Omit<StandinOptions, 'appDir' | 'home' | 'keyringFile'>> {
  appDir: string;
  /** The scenario's pretend machine: its home folder and keyring file live here. */
  machineDir: string;
  dataDir: string;
  env?: Record<string, string>;
  args?: string[];
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

type Reply = { kind: 'reply'; id: number; result?: unknown; error?: string };
type Waiter = { test: (note: Note) => boolean; resolve: (note: Note) => void };

const running = new Set<ChildProcess>();

/** Stops every launch still running (after a failed scenario, or at the end of the run). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

export class LaunchedApp {
  readonly notes: Note[] = [];
  /** The app's console output (stdout and stderr, interleaved). */
  output = '';
  readonly exited: Promise<Exit>;
  private readonly _child: ChildProcess;
  private readonly _replies = new Map<number, (reply: Reply) => void>();
  private readonly _waiters = new Set<Waiter>();
  private _nextId = 1;
  private _exit: Exit | undefined;

  constructor(options: LaunchOptions) {
    const standin: StandinOptions = {
      appDir: options.appDir,
      platform: options.platform ?? 'linux',
      keyring: options.keyring ?? 'available',
      keyringFile: path.join(options.machineDir, 'keyring'),
      displays: options.displays ?? ONE_DISPLAY,
      isPackaged: options.isPackaged ?? false,
      home: path.join(options.machineDir, 'home'),
      ...(options.answers ? { answers: options.answers } : {}),
    };
    const childOptions: ChildOptions = { standin, main: path.join(options.appDir, 'out', 'main', 'index.js'), args: options.args ?? [] };
    const inherited = Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('ATELIER_') && !entry[0].startsWith('ELECTRON_') && entry[0] !== 'NODE_OPTIONS',
    );
    this._child = fork(childEntry, [], {
      execArgv: ['--expose-gc', '--disable-warning=ExperimentalWarning'],
      env: { ...Object.fromEntries(inherited), ATELIER_DATA_DIR: options.dataDir, ATELIER_API_KEY: '', ...options.env, ATELIER_STANDIN: JSON.stringify(childOptions) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    running.add(this._child);
    const collect = (chunk: Buffer) => void (this.output += chunk.toString());
    this._child.stdout?.on('data', collect);
    this._child.stderr?.on('data', collect);
    this._child.on('message', (message: { kind: string; note?: Note } & Reply) => {
      if (message.kind === 'reply') this._replies.get(message.id)?.(message);
      else if (message.kind === 'note' && message.note) this._hear(message.note);
    });
    this.exited = new Promise((resolve) => {
      this._child.on('exit', (code, signal) => {
        running.delete(this._child);
        this._exit = { code, signal };
        for (const [, reply] of this._replies) reply({ kind: 'reply', id: 0, error: `the app exited (code ${code}, signal ${signal}) before answering` });
        this._hear({ type: 'process-exit', code, signal });
        resolve(this._exit);
      });
    });
  }

  private _hear(note: Note): void {
    this.notes.push(note);
    for (const waiter of [...this._waiters]) {
      if (waiter.test(note)) {
        this._waiters.delete(waiter);
        waiter.resolve(note);
      }
    }
  }

  get exit(): Exit | undefined {
    return this._exit;
  }

  /** Calls a control method in the app's process (see standin/control.ts). */
  call<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    if (this._exit) return Promise.reject(new Error(`the app has exited (code ${this._exit.code}); cannot ${method}`));
    const id = this._nextId++;
    return new Promise<T>((resolve, reject) => {
      this._replies.set(id, (reply) => {
        this._replies.delete(id);
        if (reply.error !== undefined) reject(new Error(`${method}: ${reply.error}`));
        else resolve(reply.result as T);
      });
      this._child.send({ kind: 'call', id, method, args });
    });
  }

  snapshot(): Promise<Snapshot> {
    return this.call<Snapshot>('snapshot');
  }

  /** The answer of one contract channel, asked by the page through window.atelier. */
  async invoke<T = unknown>(channel: string, input?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
    const answer = await this.call<{ resolved?: unknown; rejected?: string }>('invoke', channel, input);
    if (answer.rejected !== undefined) throw new Error(`invoke('${channel}') was rejected: ${answer.rejected}`);
    return answer.resolved as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  }

  /** Like invoke, but the answer must be ok; its value. */
  async ask<T = unknown>(channel: string, input?: unknown): Promise<T> {
    const result = await this.invoke<T>(channel, input);
    if (!result.ok) throw new Error(`${channel} answered ${result.error.code}: ${result.error.message}`);
    return result.value;
  }

  /**
   * The first report (already heard or still to come) that passes `test`. `what` names it in the
   * error if the deadline passes or the app exits first.
   */
  waitFor(what: string, test: (note: Note) => boolean, deadlineMs = 30_000, since = 0): Promise<Note> {
    const heard = this.notes.slice(since).find(test);
    if (heard) return Promise.resolve(heard);
    if (this._exit) return Promise.reject(new Error(`the app had exited (code ${String(this._exit.code)}) before ${what}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this._waiters.delete(waiter);
        reject(new Error(`waited ${deadlineMs / 1000} s for ${what}; last reports: ${this.notes.slice(-5).map((note) => note.type).join(', ')}`));
      }, deadlineMs);
      // The app exiting ends every wait: as the awaited report, or as the reason it never came.
      const waiter: Waiter = {
        test: (note) => test(note) || note.type === 'process-exit',
        resolve: (note) => {
          clearTimeout(timer);
          if (test(note)) resolve(note);
          else reject(new Error(`the app exited (code ${String(note.code)}) while waiting for ${what}`));
        },
      };
      this._waiters.add(waiter);
    });
  }

  /** The first push of `event` to the page (after report number `since`) whose payload passes `test`. */
  async waitForPush<T>(event: string, test: (payload: T) => boolean = () => true, deadlineMs = 60_000, since = 0): Promise<T> {
    const note = await this.waitFor(`a ${event} push`, (candidate) => candidate.type === 'push' && candidate.event === event && test(candidate.payload as T), deadlineMs, since);
    return note.payload as T;
  }

  /** Waits until the studio window's page has loaded and its preload has run. */
  async loaded(deadlineMs = 30_000): Promise<void> {
    const note = await this.waitFor('the studio page to load', (candidate) => candidate.type === 'page' || candidate.type === 'load-failed', deadlineMs);
    if (note.type === 'load-failed') throw new Error(`the main script did not load: ${String(note.message)}`);
  }

  waitForExit(deadlineMs = 30_000): Promise<Exit> {
    if (this._exit) return Promise.resolve(this._exit);
    return this.waitFor('exit', (note) => note.type === 'process-exit', deadlineMs).then(() => this._exit as Exit);
  }

  kill(): void {
    this._child.kill('SIGKILL');
  }
}

/** Starts the app under the stand-in. */
export function launch(options: LaunchOptions): LaunchedApp {
  return new LaunchedApp(options);
}
