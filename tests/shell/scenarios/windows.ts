/**
 * The window's life: on Linux closing the last one quits; on macOS the app stays and a dock click
 * brings the studio back (with its IPC); a saved place that is off every screen is not reused.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { put } from '../harness/fixtures.ts';
import type { Scenario } from '../harness/runner.ts';
import type { DisplaySpec } from '../standin/world.ts';

const display = (id: number, x: number): DisplaySpec => ({
  id,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  workArea: { x, y: 0, width: 1920, height: 1040 },
  scaleFactor: 1,
});

export const lastWindow: Scenario = {
  id: 'last-window',
  name: 'closing the last window: Linux quits, macOS stays and reopens',
  async run(t) {
    await t.check('on Linux, closing the last window quits and remembers its place', async () => {
      const app = t.launch({ platform: 'linux' });
      await app.loaded();
      await app.call('window', 'close');
      assert.deepEqual(await app.waitForExit(), { code: 0, signal: null });
      assert.ok(existsSync(path.join(t.dataDir, 'window-state.json')), 'window-state.json written on close');
    });

    await t.check('on macOS, closing the last window keeps the app; the dock click reopens a working studio', async () => {
      const app = t.launch({ platform: 'darwin' });
      await app.loaded();
      await app.call('window', 'close');
      const closed = await app.snapshot();
      assert.ok(closed.timeline.includes('window-all-closed'));
      assert.deepEqual(closed.windows, []);
      assert.equal(app.exit, undefined, 'still running with no window');
      const since = app.notes.length;
      await app.call('app', 'activate');
      await app.waitFor('the reopened studio page', (note) => note.type === 'page', 10_000, since);
      const reopened = await app.snapshot();
      assert.equal(reopened.windows.length, 1);
      assert.equal(reopened.windows[0]?.focused, true);
      assert.equal((await app.ask<{ shell: string }>('app:info')).shell, 'electron', 'the new window has its IPC');
      assert.deepEqual(app.notes.filter((note) => note.type === 'uncaught'), [], 'no second handler registered twice');
      assert.equal((reopened.menu[0] as { label: string } | undefined)?.label, 'Atelier', 'the macOS app menu comes first');
      await app.call('app', 'quit');
      assert.deepEqual(await app.waitForExit(), { code: 0, signal: null });
    });
  },
};

export const windowPlace: Scenario = {
  id: 'window-place',
  name: 'a saved window place that is off every screen',
  async run(t) {
    const saved = (x: number, y: number) => put(path.join(t.dataDir, 'window-state.json'), JSON.stringify({ bounds: { x, y, width: 1200, height: 800 }, maximized: false }));

    await t.check('a place off every display opens centred on the primary display instead', async () => {
      saved(5000, 4000);
      const app = t.launch({ displays: [display(1, 0)] });
      await app.loaded();
      const bounds = (await app.snapshot()).windows[0]?.bounds;
      assert.deepEqual(bounds, { x: 360, y: 120, width: 1200, height: 800 });
      await app.call('app', 'quit');
      await app.waitForExit();
    });

    await t.check('a place on a second display that is still there is kept', async () => {
      saved(2100, 100);
      const app = t.launch({ displays: [display(1, 0), display(2, 1920)] });
      await app.loaded();
      assert.deepEqual((await app.snapshot()).windows[0]?.bounds, { x: 2100, y: 100, width: 1200, height: 800 });
      await app.call('app', 'quit');
      await app.waitForExit();
    });
  },
};
