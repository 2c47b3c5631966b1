/**
 * A second launch on the same library hands over to the first and exits without touching the
 * library; the first window comes to the front. Another library opens alongside.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Scenario } from '../harness/runner.ts';

export const secondInstance: Scenario = {
  id: 'second-instance',
  name: 'a second launch on the same library',
  async run(t) {
    const first = t.launch();

    await t.check('the second launch exits at once and the first window comes to the front', async () => {
      await first.loaded();
      await first.call('window', 'blur');
      const second = t.launch();
      assert.deepEqual(await second.waitForExit(), { code: 0, signal: null });
      assert.deepEqual(second.notes.filter((note) => ['window', 'page'].includes(note.type)), [], 'the second launch opened no window');
      assert.match(second.output, /already running with this library/);
      await first.waitFor('the hand-over', (note) => note.type === 'second-instance', 10_000);
      const snapshot = await first.snapshot();
      assert.equal(snapshot.windows.length, 1, 'no extra window');
      assert.equal(snapshot.windows[0]?.focused, true);
      assert.equal(snapshot.windows[0]?.visible, true);
    });

    await t.check('a launch on another library runs alongside', async () => {
      const other = t.launch({ dataDir: path.join(t.dir, 'other-library') });
      await other.loaded();
      assert.equal((await other.ask<{ dataDir: string }>('app:info')).dataDir, path.join(t.dir, 'other-library'));
      await other.call('app', 'quit');
      await first.call('app', 'quit');
      assert.deepEqual(await other.waitForExit(), { code: 0, signal: null });
      assert.deepEqual(await first.waitForExit(), { code: 0, signal: null });
    });
  },
};
