/** `npm run preview`: build if anything changed, then start the browser preview host. */
import { CORE_V8_FLAGS } from '../electron/core/desktop/core-v8-flags.ts';
import { build, buildIsStale, useBuiltThreads } from './lib/build.ts';
import { runApp } from './lib/run.ts';

if (buildIsStale()) {
  console.log('Building Atelier…');
  await build();
}
useBuiltThreads();
process.exit(await runApp(process.execPath, [...CORE_V8_FLAGS, 'electron/preview/index.ts', ...process.argv.slice(2)]));
