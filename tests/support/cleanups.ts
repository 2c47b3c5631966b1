import { afterEach } from 'vitest';
import { tempDir } from './temp-dir.ts';

export type Cleanups = Array<() => Promise<void> | void>;

/**
 * Cleanups run after each test of the calling file (vitest only), last added first; `folder` makes
 * a temp folder (named from `prefix`) that goes with them.
 */
export function cleanupsPerTest(defaultPrefix: string): { cleanups: Cleanups; folder(prefix?: string): string } {
  const cleanups: Cleanups = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const folder = (prefix = defaultPrefix): string => {
    const dir = tempDir(prefix);
    cleanups.push(() => dir.remove());
    return dir.path;
  };
  return { cleanups, folder };
}
