/**
 * Module hooks that answer `electron` (and `electron/main`, `electron/common`) with the generated
 * stand-in module, for import and require alike, as Electron's loaders do in the main process.
 */
import { registerHooks } from 'node:module';

const URL_OF_ELECTRON = 'atelier-standin:electron';
const SPECIFIERS = new Set(['electron', 'electron/main', 'electron/common']);

/** Installs the hooks for this process; `source` is the generated module (exports.ts). */
export function installElectronHooks(source: string): void {
  registerHooks({
    resolve(specifier, context, next) {
      return SPECIFIERS.has(specifier) ? { url: URL_OF_ELECTRON, shortCircuit: true } : next(specifier, context);
    },
    load(url, context, next) {
      return url === URL_OF_ELECTRON ? { format: 'module', source, shortCircuit: true } : next(url, context);
    },
  });
}
