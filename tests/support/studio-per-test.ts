import { afterEach } from 'vitest';
import type { CoreOptions } from '../../electron/core/app.ts';
import { tempDir } from './temp-dir.ts';
import { recordEvents, startTestCore } from './test-core.ts';

/**
 * Test cores on their own library folders for the tests of the calling file (vitest only), each
 * closed and removed after its test, in the reverse order of set-up. `cleanups` takes anything
 * else a test starts.
 */
export function studioPerTest() {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    cleanups,
    /** A core over the built-in Sandbox (see startTestCore) with its events recorded. */
    async studio(extra: Partial<CoreOptions> = {}) {
      const dir = tempDir();
      const core = await startTestCore(dir.path, extra);
      cleanups.push(() => dir.remove(), () => core.close());
      return { core, dataDir: dir.path, events: recordEvents(core), sandbox: core.provider.sandbox! };
    },
  };
}
