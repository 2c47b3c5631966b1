import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { parseSearch, searchGenerations } from '../../electron/core/library/search.ts';
import type { WorkerResponse } from '../../electron/core/library/worker-jobs.ts';
import { buildSyntheticLibrary } from '../../scripts/lib/synthetic-library.ts';
import { damageSeedIndex, leaveCrashLog } from '../support/damage.ts';
import { expect, test } from './fixtures.ts';
import { tiles } from './studio.ts';

const root = path.resolve(import.meta.dirname, '../..');

function seed(dataDir: string, damaged: boolean): void {
  const db = openLibrary(dataDir);
  buildSyntheticLibrary(db, 400, Date.UTC(2025, 0, 1));
  db.prepare("UPDATE generations SET dismissed = 1 WHERE status <> 'done'").run();
  closeLibrary(db);
  if (damaged) {
    damageSeedIndex(dataDir);
    leaveCrashLog(dataDir);
  }
}

test.describe('a sound library', () => {
  test.use({ seedLibrary: { fill: (dataDir: string) => seed(dataDir, false) } });

  test('the grid comes first: the count is asked only once the page has answered, and a count that never answers holds nothing up', async ({ page, studio: _studio }) => {
    // Every bridge frame passes through here; count answers are held back until the end.
    const log: string[] = [];
    const channelOf = new Map<number, string>();
    const heldCounts: string[] = [];
    // until released; a count the core answers after that (a slow one on a busy machine) passes straight through
    let holding = true;
    let releaseCounts = () => {};
    await page.routeWebSocket(/\/bridge/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const frame = JSON.parse(String(message)) as { kind: string; id: number; channel: string };
        if (frame.kind === 'request') {
          channelOf.set(frame.id, frame.channel);
          log.push(`${frame.channel} asked`);
        }
        server.send(message);
      });
      server.onMessage((message) => {
        const frame = JSON.parse(String(message)) as { kind: string; id: number };
        const channel = frame.kind === 'result' ? channelOf.get(frame.id) : undefined;
        if (channel !== undefined) log.push(`${channel} answered`);
        if (channel === 'library:count' && holding) heldCounts.push(String(message));
        else ws.send(message);
      });
      releaseCounts = () => {
        holding = false;
        for (const held of heldCounts.splice(0)) ws.send(held);
      };
    });
    // the studio opened before the route existed: load it again through the route
    await page.reload();
    await expect(page.locator('.app[data-ready="true"]')).toBeVisible();

    await expect(tiles(page).first()).toBeVisible();
    await expect(page.getByTestId('gallery-count')).toHaveText('');
    // the count is asked a moment after the grid paints (on a busy machine the tiles can show first)
    await expect.poll(() => log.indexOf('library:count asked')).toBeGreaterThan(-1);
    await expect(page.getByTestId('gallery-count')).toHaveText('');
    expect(log.indexOf('library:search answered')).toBeGreaterThan(-1);
    expect(log.indexOf('library:count asked')).toBeGreaterThan(log.indexOf('library:search answered'));

    releaseCounts();
    await expect(page.getByTestId('gallery-count')).toHaveText(/^\d[\d,]* generations$/);
  });

  test('the desktop bundle\'s worker thread (out/main/library-worker.js) answers a search as the sources do', async ({ studio }) => {
    const file = libraryPath(studio.dataDir);
    const thread = new Worker(path.join(root, 'out', 'main', 'library-worker.js'), { workerData: { file, writable: false } });
    const answer = await new Promise<WorkerResponse>((resolve, reject) => {
      thread.once('message', resolve);
      thread.once('error', reject);
      // the core parses a search before a thread runs it (threads.ts)
      thread.postMessage({ id: 1, kind: 'search', input: parseSearch({ text: 'portrait', limit: 7 }) });
    });
    const exit = new Promise((resolve) => thread.once('exit', resolve));
    thread.postMessage({ id: 2, kind: 'close' });
    await exit;
    const db = openLibrary(studio.dataDir);
    const expected = searchGenerations(db, { text: 'portrait', limit: 7 });
    closeLibrary(db);
    expect(answer).toEqual({ id: 1, ok: true, value: expected });
    expect(expected.items).toHaveLength(7);
  });
});

test.describe('a library damaged before a crash', () => {
  test.use({ seedLibrary: { fill: (dataDir: string) => seed(dataDir, true) } });

  test('opens at once, and the damage the background check finds is shown above the gallery', async ({ page, studio: _studio }) => {
    await expect(tiles(page).first()).toBeVisible();
    await expect(page.getByTestId('library-damaged')).toContainText('The library file is damaged, so Atelier has stopped writing to it.');
  });
});
