import { existsSync } from 'node:fs';
import path from 'node:path';

/** Asks the core run from its .ts sources for the build's threads (set after building by npm start, npm run preview, npm test, test:stress and the benchmarks that start threads). */
export const BUILT_THREADS_ENV = 'ATELIER_BUILT_THREADS';

/**
 * Where a worker thread's code is. In the desktop app electron-vite bundles main into
 * out/main/index.js and each thread as its own entry beside it (electron.vite.config.ts): `bundled`
 * in `dir`. From the .ts sources it is `source` in `dir`, unless ATELIER_BUILT_THREADS=1 asks for
 * the build's entry: a thread from the sources strips their types with Node's TypeScript loader,
 * which is WebAssembly (~0.3 s of each thread's start), and Node 24's V8 can abort the whole
 * process when such threads end while others start ("Check failed: jit_page.has_value()" in
 * ThreadIsolation::UnregisterWasmAllocation; seen in `npm test` under load).
 */
export function threadScript(dir: string, source: string, bundled: string): string {
  if (!import.meta.filename.endsWith('.ts')) return path.join(dir, bundled);
  if (process.env[BUILT_THREADS_ENV] !== '1') return path.join(dir, source);
  const built = path.resolve(import.meta.dirname, '../../out/main', bundled);
  if (!existsSync(built)) throw new Error(`${BUILT_THREADS_ENV}=1 asks for ${built}, which is not built: run the build first (npx electron-vite build).`);
  return built;
}
