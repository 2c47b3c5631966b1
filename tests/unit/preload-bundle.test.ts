import path from 'node:path';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Bundles the preload the way a sandboxed window needs it: everything inlined except 'electron'. */
async function bundlePreload(): Promise<Rollup.OutputChunk> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      write: false,
      minify: false,
      rollupOptions: { input: path.join(root, 'electron/preload/index.ts'), external: ['electron'], output: { format: 'cjs' } },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => ('output' in result ? result.output : []));
  const entry = chunks.find((item): item is Rollup.OutputChunk => item.type === 'chunk' && item.isEntry);
  if (!entry) throw new Error('the preload bundle has no entry chunk');
  return entry;
}

describe('the preload bundle', () => {
  it("holds only the preload and shared/ files (no package such as zod) and requires nothing but 'electron'", async () => {
    const chunk = await bundlePreload();
    const files = chunk.moduleIds.map((id) => path.relative(root, id).split(path.sep).join('/'));
    expect(files.filter((file) => !file.startsWith('electron/preload/') && !file.startsWith('shared/'))).toEqual([]);
    expect(chunk.imports).toEqual(['electron']);
    expect(chunk.code.length).toBeLessThan(10_000);
  });
});
