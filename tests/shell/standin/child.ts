/**
 * One stand-in Electron process: builds the stand-in, answers `electron` through module hooks,
 * loads the app's built main script and makes the app ready, as Electron does. The harness talks to
 * it over the fork IPC channel (control.ts); the app's own output goes to stdout/stderr.
 */
import { pathToFileURL } from 'node:url';
import { serveControl } from './control.ts';
import { showErrorBox } from './dialog.ts';
import { createStandin } from './electron.ts';
import { electronModuleSource, readElectronExports, STANDIN_SLOT } from './exports.ts';
import { installElectronHooks, PLATFORM_SLOT } from './hooks.ts';
import { World, type Note, type StandinOptions } from './world.ts';

export interface ChildOptions {
  standin: StandinOptions;
  /** The app's main script (out/main/index.js of the app folder). */
  main: string;
  /** Command-line arguments after the app path. */
  args: string[];
}

const options = JSON.parse(process.env.ATELIER_STANDIN ?? 'null') as ChildOptions | null;
if (!options || !process.send) throw new Error('child.ts is started by the shell harness (tests/shell/harness/launch.ts)');
const send = (message: unknown) =>
  new Promise<void>((resolve) => {
    if (process.send) process.send(message, undefined, {}, () => resolve());
    else resolve();
  });
const lists = readElectronExports();
const world = new World(options.standin, (note: Note) => send({ kind: 'note', note }));
const control = serveControl(world, (onPageLoaded) => createStandin(world, lists, onPageLoaded), send);
(globalThis as Record<symbol, unknown>)[Symbol.for(STANDIN_SLOT)] = control.standin.electron;
(globalThis as Record<symbol, unknown>)[Symbol.for(PLATFORM_SLOT)] = options.standin.platform;
const mainUrl = pathToFileURL(options.main).href;
installElectronHooks(electronModuleSource(lists.main), mainUrl);

const errorText = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
// Electron shows an uncaught main-process exception in an error box (only printed on Linux before
// ready) and keeps running; so does this.
process.on('uncaughtException', (error) => {
  showErrorBox(world, control.standin.desktop, 'A JavaScript error occurred in the main process', `Uncaught Exception:\n${errorText(error)}`);
  console.error('[stand-in] uncaught exception:', error);
  world.note({ type: 'uncaught', message: errorText(error) });
});
process.on('unhandledRejection', (reason) => {
  console.error('[stand-in] unhandled rejection:', reason);
  world.note({ type: 'unhandled-rejection', message: errorText(reason) });
});
// An Electron app runs until it quits or exits, whatever its event loop holds; a harness that went away ends it.
setInterval(() => undefined, 2 ** 30);
process.on('disconnect', () => process.exit(1));
process.argv = [process.execPath, options.standin.appDir, ...options.args];

try {
  await import(mainUrl);
  world.record('main loaded');
} catch (error) {
  showErrorBox(world, control.standin.desktop, 'A JavaScript error occurred in the main process', errorText(error));
  world.note({ type: 'load-failed', message: errorText(error) });
}
setImmediate(() => control.standin.app.becomeReady());
