import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKGROUND_NICE } from '../../electron/core/library/background-priority.ts';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { LibraryWorker } from '../../electron/core/library/worker.ts';
import { tempDir } from '../support/temp-dir.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The nice value of each of this process's library threads (Linux: a thread's nice value is its own). */
function libraryThreadNices(): number[] {
  const nices: number[] = [];
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    let name: string;
    let stat: string;
    try {
      name = readFileSync(`/proc/${process.pid}/task/${tid}/comm`, 'utf8').trim();
      stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // a thread that ended meanwhile
    }
    // fields after the name in brackets: state is the 1st, nice the 17th
    if (name.startsWith('atelier-library')) nices.push(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return nices.sort((a, b) => a - b);
}

describe.runIf(process.platform === 'linux')('background threads', () => {
  it('run at a lower priority than the core and the pages thread, which keep theirs', async () => {
    const dir = tempDir('atelier-priority-');
    cleanups.push(() => dir.remove());
    closeLibrary(openLibrary(dir.path));
    const pages = new LibraryWorker(libraryPath(dir.path), { name: 'pages' });
    const counts = new LibraryWorker(libraryPath(dir.path), { name: 'counts', background: true });
    cleanups.push(() => pages.close(), () => counts.close());
    await Promise.all([pages.run('ready', undefined), counts.run('ready', undefined)]);
    expect(libraryThreadNices()).toEqual([0, BACKGROUND_NICE]);
    expect(BACKGROUND_NICE).toBeGreaterThan(0);
  });
});
