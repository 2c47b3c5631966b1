/**
 * Start-up failures the artist must see (issue 14 §2, fixed by another change): today each is a
 * known issue, so these checks must fail; when the fix lands they pass and the marks come off.
 */
import assert from 'node:assert/strict';
import { lstatSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { put } from '../harness/fixtures.ts';
import type { LaunchedApp } from '../harness/launch.ts';
import type { Scenario } from '../harness/runner.ts';

/** Resolves at the first sign of how start-up ended: an exit, a window, or an uncaught exception. */
function outcome(app: LaunchedApp) {
  return app.waitFor('the start-up outcome', (note) => ['process-exit', 'uncaught', 'page', 'load-failed'].includes(note.type), 30_000);
}

/** What the artist was shown, apart from Electron's own "A JavaScript error occurred" box. */
function told(app: LaunchedApp): string[] {
  return app.notes
    .filter((note) => note.type === 'message-box' || (note.type === 'error-box' && !String(note.title).startsWith('A JavaScript error')))
    .map((note) => `${String(note.title ?? '')} ${String(note.message ?? note.content ?? '')}`);
}

const lockHeld = (dataDir: string) => {
  try {
    lstatSync(path.join(dataDir, 'SingletonLock'));
    return true;
  } catch {
    return false;
  }
};

export const startUpFailures: Scenario = {
  id: 'start-up-failures',
  name: 'start-up failures the artist can see',
  async run(t) {
    await t.knownIssue('a start-up exception after the lock is taken is told, frees the lock and quits', 'issue 14 §2: catch start-up failures', async () => {
      put(path.join(t.dataDir, 'logs'), 'a file where the logs folder should be');
      const app = t.launch();
      const first = await outcome(app);
      assert.ok(!['uncaught', 'load-failed'].includes(first.type), `start-up threw past the shell: ${String(first.message).split('\n')[0]}`);
      await app.waitForExit(10_000);
      assert.equal(lockHeld(t.dataDir), false, 'the single-instance lock is released');
      assert.ok(told(app).some((text) => /log/i.test(text)), 'a dialog names the logs folder');
    });

    const newer = path.join(t.dir, 'newer-library');
    await t.knownIssue('a library made by a newer Atelier is explained in a dialog with a way out', 'issue 14 §2: show why the core cannot start', async () => {
      put(path.join(newer, 'placeholder'), '');
      const db = new Database(path.join(newer, 'library.sqlite'));
      db.pragma('user_version = 9999');
      db.close();
      const app = t.launch({ dataDir: newer });
      await outcome(app);
      const boxes = app.notes.filter((note) => note.type === 'message-box');
      assert.ok(boxes.length > 0, `no dialog; the app said: ${app.output.trim().split('\n').slice(0, 2).join(' / ')}`);
      const snapshot = app.exit ? undefined : await app.snapshot();
      const buttons = snapshot?.messageBoxes[0]?.options.buttons ?? [];
      assert.ok(buttons.includes('Open library folder') && buttons.includes('Choose another library…'), `buttons: ${buttons.join(', ')}`);
    });
  },
};
