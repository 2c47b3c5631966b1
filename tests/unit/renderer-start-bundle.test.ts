import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Bundles the window's page as the build does; its chunks, the entry first. */
async function bundleRenderer(): Promise<Rollup.OutputChunk[]> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root: path.join(root, 'renderer'),
    plugins: [react()],
    build: { write: false, minify: false, rollupOptions: { input: path.join(root, 'renderer/index.html') } },
  });
  const chunks = (Array.isArray(output) ? output : [output])
    .flatMap((result) => ('output' in result ? result.output : []))
    .filter((item): item is Rollup.OutputChunk => item.type === 'chunk');
  return chunks.sort((a, b) => Number(b.isEntry) - Number(a.isEntry));
}

const fromZod = (chunk: Rollup.OutputChunk) => chunk.moduleIds.filter((id) => id.split(path.sep).join('/').includes('/node_modules/zod/'));

describe("the window's page", () => {
  it('starts without zod: the form check that needs it is a chunk of its own, loaded after the first paint', async () => {
    const [entry, ...later] = await bundleRenderer();
    expect(entry!.isEntry).toBe(true);
    expect(fromZod(entry!)).toEqual([]);
    const check = later.find((chunk) => chunk.moduleIds.some((id) => id.endsWith(path.join('renderer', 'src', 'lib', 'draft-check.ts'))));
    expect(check).toBeDefined();
    expect(fromZod(check!).length).toBeGreaterThan(0);
  });
});
