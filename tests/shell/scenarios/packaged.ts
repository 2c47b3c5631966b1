/**
 * The packaged layout: `npm run pack:dir` with a stand-in executable, app.asar extracted (with its
 * unpacked native parts), and the same start-up plus a generation run from there — so a file or
 * native module the package leaves out fails here, not on an artist's machine.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractAll } from '@electron/asar';
import { root, toolEnv } from '../../../scripts/lib/run.ts';
import type { Scenario } from '../harness/runner.ts';
import { finished, generate } from '../harness/studio.ts';

/** Runs pack:dir's script; resolves with its exit code and output. */
function packDir(env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/pack-dir.ts'], { cwd: root, env: toolEnv(env) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

export const packaged: Scenario = {
  id: 'packaged',
  name: 'the packaged layout (pack:dir with a stand-in executable, app.asar extracted)',
  async run(t) {
    const appDir = path.join(t.dir, 'app');

    await t.check('pack:dir packs the app around a stand-in executable', async () => {
      const dist = path.join(t.dir, 'electron-dist');
      mkdirSync(dist);
      writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\necho "stand-in Electron"\n');
      chmodSync(path.join(dist, 'electron'), 0o755);
      const started = performance.now();
      const { code, output } = await packDir({ ATELIER_ELECTRON_DIST: dist, ATELIER_PACK_OUT: path.join(t.dir, 'release') });
      assert.equal(code, 0, output);
      t.note(`pack:dir took ${Math.round((performance.now() - started) / 1000)} s`);
      const unpacked = path.join(t.dir, 'release', 'linux-unpacked');
      assert.ok(existsSync(path.join(unpacked, 'atelier')), 'the executable is named atelier');
      // extractAll copies files marked unpacked from app.asar.unpacked, as Electron's fs reads them.
      extractAll(path.join(unpacked, 'resources', 'app.asar'), appDir);
    });

    const app = t.launch({ appDir, isPackaged: true });
    await t.check('the packaged app starts: the main script links, the preload comes from inside the package', async () => {
      await app.loaded();
      const trouble = app.notes.filter((note) => ['uncaught', 'unhandled-rejection', 'violation', 'preload-error'].includes(note.type));
      assert.deepEqual(trouble, []);
      const snapshot = await app.snapshot();
      assert.equal(snapshot.windows[0]?.options.webPreferences?.preload, path.join(appDir, 'out', 'preload', 'index.cjs'));
      const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
      const info = await app.ask<{ version: string; shell: string }>('app:info');
      assert.deepEqual([info.version, info.shell], [version, 'electron']);
    });

    await t.check('a generation works from the package (SQLite, sharp, the Sandbox and the media scheme)', async () => {
      const done = await finished(app, (await generate(app, 'a lighthouse in the fog')).id);
      assert.equal(done.status, 'done', done.errorMessage ?? '');
      const thumbnail = done.images[0]?.thumbnail ?? '';
      const served = await app.call<{ status: number; type: string }>('fetch', `atelier-media://library/${thumbnail}`);
      assert.deepEqual([served.status, served.type], [200, 'image/jpeg']);
      await app.call('app', 'quit');
      assert.deepEqual(await app.waitForExit(), { code: 0, signal: null });
    });
  },
};
