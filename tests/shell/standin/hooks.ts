/**
 * Module hooks for a stand-in process: `electron` (and `electron/main`, `electron/common`) answers
 * with the generated stand-in module, for import and require alike, as Electron's loaders do; and
 * the app's own main script reads the pretend platform, while its dependencies load their native
 * parts for the real one.
 */
import { registerHooks } from 'node:module';

const URL_OF_ELECTRON = 'atelier-standin:electron';
const SPECIFIERS = new Set(['electron', 'electron/main', 'electron/common']);

/** Where the main script finds the platform it should believe it runs on. */
export const PLATFORM_SLOT = 'atelier.standin.platform';

/** Installs the hooks for this process; `source` is the generated module (exports.ts), `mainUrl` the app's main script. */
export function installElectronHooks(source: string, mainUrl: string): void {
  registerHooks({
    resolve(specifier, context, next) {
      return SPECIFIERS.has(specifier) ? { url: URL_OF_ELECTRON, shortCircuit: true } : next(specifier, context);
    },
    load(url, context, next) {
      if (url === URL_OF_ELECTRON) return { format: 'module', source, shortCircuit: true };
      const loaded = next(url, context);
      if (url !== mainUrl || loaded.source === undefined) return loaded;
      const text = typeof loaded.source === 'string' ? loaded.source : Buffer.from(loaded.source as Uint8Array).toString('utf8');
      return { ...loaded, source: text.replace(/\bprocess\.platform\b/g, `globalThis[Symbol.for(${JSON.stringify(PLATFORM_SLOT)})]`) };
    },
  });
}
