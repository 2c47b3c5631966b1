import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** The packages a fresh thread has loaded once it has imported the library threads' jobs. */
function packagesLoadedByJobs(): Promise<string[]> {
  const jobs = pathToFileURL(path.resolve(import.meta.dirname, '../../electron/core/library/worker-jobs.ts')).href;
  const code = `
    const { parentPort } = require('node:worker_threads');
    import(${JSON.stringify(jobs)}).then(() => {
      const cache = require('node:module').createRequire(${JSON.stringify(jobs)}).cache;
      const names = Object.keys(cache).map((file) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(file)?.[1]).filter(Boolean);
      parentPort.postMessage([...new Set(names)]);
    });`;
  return new Promise((resolve, reject) => {
    const thread = new Worker(code, { eval: true });
    thread.once('message', (names: string[]) => void thread.terminate().then(() => resolve(names)));
    thread.once('error', reject);
  });
}

describe("the library threads' code", () => {
  it('loads better-sqlite3 but not sharp: only the hash backfill decodes pictures, and loads it when it runs', async () => {
    const loaded = await packagesLoadedByJobs();
    expect(loaded).toContain('better-sqlite3');
    expect(loaded).not.toContain('sharp');
  });
});
