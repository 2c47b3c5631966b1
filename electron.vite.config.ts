import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_PLACEHOLDER } from './shared/content-security-policy.ts';

/** Writes the one CSP into index.html's meta tag; a page without the placeholder fails the build rather than ship unprotected. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'atelier-content-security-policy',
    transformIndexHtml(html) {
      if (!html.includes(CONTENT_SECURITY_POLICY_PLACEHOLDER)) throw new Error(`index.html has no ${CONTENT_SECURITY_POLICY_PLACEHOLDER} to fill in`);
      return html.replace(CONTENT_SECURITY_POLICY_PLACEHOLDER, CONTENT_SECURITY_POLICY);
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Native and Node-only packages load from node_modules at run time.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // the library's worker threads load this file by name (electron/core/library/worker.ts)
          'library-worker': resolve(import.meta.dirname, 'electron/core/library/worker-thread.ts'),
          // an import's picture threads load this one (electron/core/import/picture-threads.ts)
          'picture-worker': resolve(import.meta.dirname, 'electron/core/import/picture-thread.ts'),
          // the media thread (electron/core/media/media-reader.ts)
          'media-worker': resolve(import.meta.dirname, 'electron/core/media/media-thread.ts'),
        },
        // Shared chunks beside the entries, not in chunks/: the code that starts a thread finds its
        // entry beside itself (electron/core/thread-script.ts), and whichever chunk that code lands in
        // must be in the entries' folder (in chunks/ the desktop app's library threads found no file).
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ESM: emit CommonJS whatever package.json's "type" says.
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
      // The sandboxed preload can require only 'electron': it imports nothing but 'electron' and
      // shared/ (a lint rule), and shared/ files are bundled in, so no package is left to require.
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the page unminified; minified it is ~1/3 the size, and at 1M the window's
      // start waits on fetching, parsing and compiling it (~0.4 s of the ~1 s budget unminified).
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
