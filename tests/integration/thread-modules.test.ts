import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/**
 * The packages a fresh thread has loaded once it has imported the library threads' jobs, whether
 * by `import` or by `require` (module hooks see both).
 */
function packagesLoadedByJobs(): Promise<string[]> {
  const jobs = pathToFileURL(path.resolve(import.meta.dirname, '../../electron/core/library/worker-jobs.ts')).href;
  const code = `
    const { parentPort } = require('node:worker_threads');
    const names = new Set();
    require('node:module').registerHooks({
      load(url, context, nextLoad) {
        const name = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(url)?.[1];
        if (name) names.add(name);
        return nextLoad(url, context);
      },
    });
    import(${JSON.stringify(jobs)}).then(() => parentPort.postMessage([...names]));`;
  return new Promise((resolve, reject) => {
    const thread = new Worker(code, { eval: true });
    thread.once('message', (names: string[]) => void thread.terminate().then(() => resolve(names)));
    thread.once('error', reject);
  });
}

describe("the library threads' code", () => {
  it('loads better-sqlite3 but neither sharp nor zod: pictures are decoded only by the hash backfill, searches come parsed', async () => {
    const loaded = await packagesLoadedByJobs();
    expect(loaded).toContain('better-sqlite3');
    // sharp is loaded when the hash backfill runs; a search is parsed on the core (threads.ts), not again here
    expect(loaded).not.toContain('sharp');
    expect(loaded).not.toContain('zod');
  });
});
