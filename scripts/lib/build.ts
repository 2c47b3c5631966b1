import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { root, run } from './run.ts';
import { BUILT_THREADS_ENV } from '../../electron/core/thread-script.ts';

const sources = ['electron', 'renderer', 'shared', 'electron.vite.config.ts', 'package.json'];
const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

function newestMtime(entry: string): number {
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** True when an output is missing or older than a source, so `npm run preview` can skip a rebuild. */
export function buildIsStale(): boolean {
  const built = outputs.map((file) => path.join(root, file));
  if (!built.every((file) => existsSync(file))) return true;
  const oldestOutput = Math.min(...built.map((file) => statSync(file).mtimeMs));
  return sources.some((source) => newestMtime(path.join(root, source)) > oldestOutput);
}

/** Builds main, preload and renderer with electron-vite; exits the process when the build fails. */
export async function build(): Promise<void> {
  const code = await run('electron-vite', ['build', '--logLevel', 'warn']);
  if (code !== 0) {
    console.error('The build failed (see above); nothing was started.');
    process.exit(code);
  }
}

/**
 * Once the build is current: the core this process (and its children) runs from the sources starts
 * its worker threads from the build, as the desktop app does (electron/core/thread-script.ts says why).
 */
export function useBuiltThreads(): void {
  process.env[BUILT_THREADS_ENV] = '1';
}
