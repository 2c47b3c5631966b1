/**
 * Stands for `npm run preview` / `npm start` without the build step: runs the preview host the way
 * those scripts do, so a test can signal this wrapper as a terminal or a service manager would.
 */
import { runApp } from '../../scripts/lib/run.ts';

process.exit(await runApp(process.execPath, ['electron/preview/index.ts']));
