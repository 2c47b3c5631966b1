/**
 * `npm run preview`: the browser preview host as a program. Starts the same core as the
 * desktop app, serves the built renderer and prints the address to open.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startCore } from '../core/app.ts';
import { readLaunchConfig } from '../core/config.ts';
import { startPreviewHost } from './host.ts';

const root = path.resolve(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

async function main(): Promise<void> {
  const config = readLaunchConfig(process.env, process.argv.slice(2));
  const core = await startCore({ ...config, version, shell: 'preview' });
  const host = await startPreviewHost({ core, rendererDir: path.join(root, 'out', 'renderer'), port: config.port });

  console.log(`Atelier preview — library: ${config.dataDir}`);
  console.log('Open this address in a browser (Ctrl+C stops):');
  console.log(host.url);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Atelier preview could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
