/** `npm start`: build, then launch the desktop app; without an Electron binary, the browser preview. */
import { CORE_JS_FLAGS_SWITCH, CORE_V8_FLAGS } from '../electron/core/desktop/core-v8-flags.ts';
import { build, useBuiltThreads } from './lib/build.ts';
import { findElectronBinary } from './lib/electron-binary.ts';
import { runApp } from './lib/run.ts';

console.log('Building Atelier…');
await build();
useBuiltThreads();
const electron = findElectronBinary();
if (electron.found) {
  process.exit(await runApp(electron.path, [CORE_JS_FLAGS_SWITCH, '.', ...process.argv.slice(2)]));
}
console.log(`Electron cannot run here (${electron.reason}); starting the browser preview instead.`);
process.exit(await runApp(process.execPath, [...CORE_V8_FLAGS, 'electron/preview/index.ts', ...process.argv.slice(2)]));
