/** `npm start`: build, then launch the desktop app; without an Electron binary, the browser preview. */
import { build, useBuiltThreads } from './lib/build.ts';
import { findElectronBinary } from './lib/electron-binary.ts';
import { runApp } from './lib/run.ts';

console.log('Building Atelier…');
await build();
useBuiltThreads();
const electron = findElectronBinary();
if (electron.found) {
  process.exit(await runApp(electron.path, ['.', ...process.argv.slice(2)]));
}
console.log(`Electron cannot run here (${electron.reason}); starting the browser preview instead.`);
process.exit(await runApp(process.execPath, ['electron/preview/index.ts', ...process.argv.slice(2)]));
