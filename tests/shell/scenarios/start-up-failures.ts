/**
 * Start-ups that cannot go on, each seen by the artist in a native dialog (not only on stderr, which
 * Electron uses for error boxes before ready on Linux), each ending with the single-instance lock
 * released and the process gone: a shell failure after the lock, a library the core cannot open
 * (with a way out: look in its folder, or choose another library, which relaunches on it), a bad
 * setting, and an AppImage whose launcher had to switch the sandbox off.
 */
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { put } from '../harness/fixtures.ts';
import type { LaunchedApp } from '../harness/launch.ts';
import type { Scenario } from '../harness/runner.ts';

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

/** A library whose file says it was made by a later Atelier (a schema version from the future). */
function newerLibrary(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'library.sqlite'));
  db.pragma('user_version = 9999');
  db.close();
}

const LIBRARY_BUTTONS = ['Choose another library…', 'Open library folder', 'Quit'];

export const startUpFailures: Scenario = {
  id: 'start-up-failures',
  name: 'start-up failures the artist can see',
  async run(t) {
    await t.check('a start-up exception after the lock is taken is told in a dialog naming the folder, frees the lock and quits', async () => {
      put(path.join(t.dataDir, 'logs'), 'a file where the logs folder should be');
      const app = t.launch();
      const exit = await app.waitForExit(30_000);
      assert.deepEqual(exit, { code: 1, signal: null });
      const trouble = app.notes.filter((note) => ['uncaught', 'unhandled-rejection', 'load-failed', 'window'].includes(note.type));
      assert.deepEqual(trouble, [], 'the failure is caught, and no window opens');
      assert.equal(lockHeld(t.dataDir), false, 'the single-instance lock is released');
      const [box, ...more] = app.notes.filter((note) => note.type === 'error-box');
      assert.deepEqual(more, []);
      assert.equal(box?.title, 'Atelier could not start');
      assert.ok(String(box?.content).includes(`could not create the folder ${path.join(t.dataDir, 'logs')}: a file is in the way`), String(box?.content));
      assert.match(String(box?.content), /Move or rename that file/);
    });

    await t.check('a second launch after that failure is not swallowed by a lock nobody holds', async () => {
      const again = t.launch();
      assert.deepEqual(await again.waitForExit(30_000), { code: 1, signal: null });
      assert.equal(again.notes.filter((note) => note.type === 'second-instance').length, 0);
      assert.equal(again.notes.filter((note) => note.type === 'error-box').length, 1, 'it says why itself');
    });

    const newer = path.join(t.dir, 'newer-library');
    const other = path.join(t.dir, 'other library');
    let relaunchArgs: string[] = [];
    await t.check('a library made by a newer Atelier is explained in a dialog with a way out', async () => {
      newerLibrary(newer);
      mkdirSync(other);
      // Open the folder (the dialog comes back), then choose another library: the picker's first answer is Cancel.
      const app = t.launch({ dataDir: newer, answers: { messageBoxes: [1, 0, 0], openDialogs: [null, [other]] } });
      assert.deepEqual(await app.waitForExit(30_000), { code: 0, signal: null });
      assert.deepEqual(app.notes.filter((note) => ['uncaught', 'unhandled-rejection', 'violation', 'window'].includes(note.type)), []);
      const boxes = app.notes.filter((note) => note.type === 'message-box');
      assert.equal(boxes.length, 3, 'asked again after the folder opened and after the picker was cancelled');
      for (const box of boxes) {
        assert.match(String(box.message), /made by a newer version of Atelier .* update Atelier to open it/);
        assert.deepEqual(box.buttons, LIBRARY_BUTTONS);
      }
      assert.deepEqual(
        app.notes.filter((note) => note.type === 'opened').map((note) => [note.how, note.target]),
        [['openPath', newer]],
      );
      const relaunch = app.notes.find((note) => note.type === 'relaunch');
      assert.ok(relaunch, 'Atelier starts again on the library chosen');
      relaunchArgs = relaunch.args as string[];
      assert.equal(relaunchArgs[0], t.appDir, 'the same app');
      assert.equal(relaunchArgs.at(-1), `--data-dir=${other}`);
      assert.equal(lockHeld(newer), false);
      assert.equal(existsSync(path.join(newer, 'library.lock')), false, "the core's library lock is not left behind");
    });

    await t.check('the relaunch opens the library chosen', async () => {
      const app = t.launch({ args: relaunchArgs.slice(1) });
      await app.loaded();
      assert.equal((await app.ask<{ dataDir: string }>('app:info')).dataDir, other);
      await app.call('app', 'quit');
      assert.deepEqual(await app.waitForExit(), { code: 0, signal: null });
    });

    await t.check('a library another process holds is refused in the same dialog; Quit ends the start', async () => {
      const held = path.join(t.dir, 'held-library');
      // The core's lock naming a live process on this machine: this harness (as a preview host would).
      put(path.join(held, 'library.lock'), JSON.stringify({ pid: process.pid, startedAt: Date.now(), host: os.hostname(), bootId: null, token: 'harness' }));
      const app = t.launch({ dataDir: held, answers: { messageBoxes: [2] } });
      assert.deepEqual(await app.waitForExit(30_000), { code: 1, signal: null });
      const [box, ...more] = app.notes.filter((note) => note.type === 'message-box');
      assert.deepEqual(more, []);
      assert.match(String(box?.message), new RegExp(`open in another Atelier window or process \\(pid ${process.pid}\\)`));
      assert.deepEqual(box?.buttons, LIBRARY_BUTTONS);
      assert.equal(lockHeld(held), false);
      assert.ok(existsSync(path.join(held, 'library.lock')), "the other process's lock is left alone");
    });

    await t.check('a setting that makes no sense is told in a dialog too', async () => {
      const app = t.launch({ env: { ATELIER_PORT: 'eighty' } });
      assert.deepEqual(await app.waitForExit(30_000), { code: 1, signal: null });
      assert.ok(told(app).some((text) => text.includes('ATELIER_PORT must be a port number')), told(app).join(' / '));
    });

    await t.check('an AppImage started without its sandbox stops, explains, and offers the AppArmor commands', async () => {
      const appImage = path.join(t.dir, 'Applications', 'Atelier-0.1.0-x86_64.AppImage');
      const library = path.join(t.dir, 'untouched-library');
      // Copy Commands (the dialog stays, so the copy lasts), then Quit.
      const app = t.launch({ dataDir: library, env: { APPIMAGE: appImage }, args: ['--no-sandbox'], answers: { messageBoxes: [0, 1] } });
      assert.deepEqual(await app.waitForExit(30_000), { code: 1, signal: null });
      const boxes = app.notes.filter((note) => note.type === 'message-box');
      assert.equal(boxes.length, 2);
      assert.match(String(boxes[0]?.message), /does not let the Atelier AppImage start its security sandbox/);
      assert.deepEqual(boxes[0]?.buttons, ['Copy Commands', 'Quit']);
      const copied = app.notes.filter((note) => note.type === 'clipboard-text').map((note) => String(note.text));
      assert.equal(copied.length, 1);
      assert.match(copied[0] ?? '', new RegExp(`profile atelier-appimage "${appImage}" flags=\\(unconfined\\) \\{\\n  userns,`));
      assert.match(copied[0] ?? '', /sudo apparmor_parser -r \/etc\/apparmor\.d\/atelier-appimage/);
      assert.equal(existsSync(library), false, 'the library is not touched');
    });

    await t.check('--no-sandbox outside an AppImage is left to whoever passed it', async () => {
      const app = t.launch({ args: ['--no-sandbox'], dataDir: path.join(t.dir, 'developer-library') });
      await app.loaded();
      await app.call('app', 'quit');
      assert.deepEqual(await app.waitForExit(), { code: 0, signal: null });
    });
  },
};
