import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './run.ts';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Finds an Electron executable without `require('electron')`, which would try to
 * download one: ELECTRON_OVERRIDE_DIST_PATH first, then the electron package's own dist/.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const pkg = path.join(root, 'node_modules', 'electron');
  const relative = existsSync(path.join(pkg, 'path.txt')) ? readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim() : undefined;
  const defaultName = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  if (override) {
    const candidate = path.join(override, relative ?? defaultName);
    return existsSync(candidate) ? { found: true, path: candidate } : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${relative ?? defaultName}` };
  }
  if (relative) {
    const candidate = path.join(pkg, 'dist', relative);
    if (existsSync(candidate)) return { found: true, path: candidate };
  }
  return { found: false, reason: 'no Electron binary is installed and this machine cannot download one' };
}
