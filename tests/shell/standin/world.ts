/**
 * What one stand-in Electron process shares between its modules: the machine it pretends to be,
 * whether the app is ready, and what happened, in order (the timeline the scenarios read).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplaySpec {
  id: number;
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
}

/** The machine and desktop a launch pretends to run on (chosen by the scenario). */
export interface StandinOptions {
  /** The app folder: its package.json, out/main, out/preload, out/renderer. */
  appDir: string;
  /** The platform the app's own code sees (its dependencies load native parts for the real one). */
  platform: NodeJS.Platform;
  /** `available`: an OS keyring; `basic_text`: Linux without one (safeStorage cannot encrypt). */
  keyring: 'available' | 'basic_text';
  /** Where the pretend OS keyring keeps its secret, so a later launch can decrypt. */
  keyringFile: string;
  /** Displays, primary first. */
  displays: DisplaySpec[];
  isPackaged: boolean;
  /** The home folder Electron's default paths hang from. */
  home: string;
  /** Answers ready before the app starts, for dialogs it shows while starting: button indexes, and picked paths (null = Cancel). */
  answers?: { messageBoxes?: number[]; openDialogs?: (string[] | null)[] };
}

/** Something the parent should hear about as it happens (window loaded, push received, exit…). */
export interface Note {
  type: string;
  [key: string]: unknown;
}

export class World {
  readonly options: StandinOptions;
  ready = false;
  /** Set once app.exit/quit decided the process ends: no further lifecycle events. */
  ending = false;
  /** What the app did to Electron, in order: 'ready', 'ipcMain.handle app:info', 'preload 1'… */
  readonly timeline: string[] = [];
  /** Uses that Electron accepts but that do not work (ignored settings, lost handlers…). */
  readonly violations: string[] = [];
  readonly #send: (note: Note) => Promise<void>;
  #lastSent: Promise<void> = Promise.resolve();
  readonly #readyListeners: (() => void)[] = [];

  /** `send` resolves once the note is on its way to the parent (notes go out in order). */
  constructor(options: StandinOptions, send: (note: Note) => Promise<void>) {
    this.options = options;
    this.#send = send;
  }

  /** Records a step of the timeline (the parent reads it in snapshots). */
  record(step: string): void {
    this.timeline.push(step);
  }

  violation(text: string): void {
    this.violations.push(text);
    this.note({ type: 'violation', text });
  }

  note(note: Note): void {
    this.#lastSent = this.#send(note);
  }

  /** Resolves when every note so far has been handed to the parent: the process may exit then. */
  flush(): Promise<void> {
    return this.#lastSent;
  }

  /** Runs `listener` when the app becomes ready (at once if it already is). */
  whenReady(listener: () => void): void {
    if (this.ready) listener();
    else this.#readyListeners.push(listener);
  }

  markReady(): void {
    this.ready = true;
    this.record('ready');
    for (const listener of this.#readyListeners.splice(0)) listener();
  }
}
