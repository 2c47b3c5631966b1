/** `npm run preview`: build if anything changed, then start the browser preview host. */
import { build, buildIsStale } from './lib/build.ts';
import { run } from './lib/run.ts';

if (buildIsStale()) {
  console.log('Building Atelier…');
  await build();
}
process.exit(await run(process.execPath, ['electron/preview/index.ts', ...process.argv.slice(2)]));
