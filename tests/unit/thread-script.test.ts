import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_THREADS_ENV, threadScript } from '../../electron/core/thread-script.ts';

const root = path.resolve(import.meta.dirname, '../..');
const saved = process.env[BUILT_THREADS_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[BUILT_THREADS_ENV];
  else process.env[BUILT_THREADS_ENV] = saved;
});

describe("where a thread's code is, run from the sources", () => {
  it('is the source file beside the caller unless the build is asked for', () => {
    delete process.env[BUILT_THREADS_ENV];
    expect(threadScript('/somewhere/library', 'worker-thread.ts', 'library-worker.js')).toBe('/somewhere/library/worker-thread.ts');
  });

  it("is the build's entry when asked for (out/main), and a missing one says to build first", () => {
    process.env[BUILT_THREADS_ENV] = '1';
    expect(() => threadScript('/somewhere/library', 'worker-thread.ts', 'no-such-worker.js')).toThrow(
      `${BUILT_THREADS_ENV}=1 asks for ${path.join(root, 'out/main/no-such-worker.js')}, which is not built: run the build first`,
    );
  });
});
