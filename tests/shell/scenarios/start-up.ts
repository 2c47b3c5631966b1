/**
 * Start-up: the bundle links against Electron's real exports, things happen in the order Electron
 * requires, the window is locked down, the preload finds every channel ready, the media scheme
 * serves library images and nothing else, and a plain quit closes cleanly.
 */
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CORE_JS_FLAGS_SWITCH, CORE_V8_FLAGS } from '../../../electron/core/desktop/core-v8-flags.ts';
import { rendererSwitches } from '../../../electron/core/desktop/renderer-switches.ts';
import { channelNames } from '../../../shared/contract.ts';
import { pngBytes, put } from '../harness/fixtures.ts';
import type { Scenario } from '../harness/runner.ts';

/** The CSP's directives as name → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name ?? '', sources]),
  );
}

export const startUp: Scenario = {
  id: 'start-up',
  name: 'start-up',
  async run(t) {
    const image = put(path.join(t.dataDir, 'images', 'probe.png'), await pngBytes());
    const secret = put(path.join(t.dir, 'secret.png'), await pngBytes(8, '#ff0000'));
    symlinkSync(secret, path.join(t.dataDir, 'images', 'leak.png'));
    // as the installed app's Linux desktop entries start it: with the core's V8 flags (electron-builder.yml)
    const app = t.launch({ args: [CORE_JS_FLAGS_SWITCH] });

    await t.check("the main script links against Electron's exports and opens the studio", async () => {
      await app.loaded();
      const trouble = app.notes.filter((note) => ['uncaught', 'unhandled-rejection', 'violation', 'preload-error'].includes(note.type));
      assert.deepEqual(trouble, []);
    });

    const snapshot = await app.snapshot();
    await t.check('the lock and the privileged scheme come before ready; the scheme handler, window and channels after', () => {
      const at = (step: string) => {
        const index = snapshot.timeline.indexOf(step);
        assert.ok(index >= 0, `${step} never happened: ${snapshot.timeline.join(' → ')}`);
        return index;
      };
      assert.ok(at('app.requestSingleInstanceLock') < at('ready'));
      assert.ok(at('protocol.registerSchemesAsPrivileged atelier-media') < at('ready'));
      assert.ok(at('ready') < at('protocol.handle atelier-media'));
      assert.ok(at('protocol.handle atelier-media') < at('BrowserWindow 1'));
      assert.ok(at('ipcMain.handle app:info') < at('preload 1'));
      const [media] = snapshot.privilegedSchemes;
      assert.deepEqual(media?.privileges, { standard: true, secure: true, supportFetchAPI: true, stream: true }, 'standard and secure, never bypassCSP');
    });

    await t.check("the window's renderer switches for this machine come before ready (single-threaded GC on 2 cores or fewer), the core's V8 flags taken out", () => {
      const appended = snapshot.timeline.filter((step) => step.startsWith('app.commandLine.appendSwitch '));
      const expected = rendererSwitches(os.availableParallelism(), CORE_JS_FLAGS_SWITCH.slice('--js-flags='.length)).map(([name, value]) => `app.commandLine.appendSwitch ${name}=${value}`);
      assert.ok(!appended.some((step) => CORE_V8_FLAGS.some((flag) => step.includes(flag))), `the renderers get the core's flags: ${appended.join(', ')}`);
      assert.deepEqual(appended, expected);
      for (const step of appended) assert.ok(snapshot.timeline.indexOf(step) < snapshot.timeline.indexOf('ready'), `${step} after ready: ${snapshot.timeline.join(' → ')}`);
    });

    await t.check('the window is sandboxed and context-isolated, with the preload from the app folder', () => {
      const [window] = snapshot.windows;
      assert.ok(window, 'a window is open');
      assert.equal(snapshot.windows.length, 1);
      const prefs = window.options.webPreferences ?? {};
      assert.equal(prefs.sandbox, true);
      assert.equal(prefs.contextIsolation, true);
      assert.equal(prefs.nodeIntegration, false);
      assert.notEqual(prefs.webSecurity, false);
      assert.equal(prefs.preload, path.join(t.appDir, 'out', 'preload', 'index.cjs'));
      assert.ok(existsSync(String(prefs.preload)));
      assert.equal(window.options.show, false, 'hidden until ready-to-show, so no blank flash');
      assert.equal(window.visible, true, 'shown once ready');
      assert.equal(window.url, `file://${path.join(t.appDir, 'out', 'renderer', 'index.html')}`);
    });

    await t.check('the page declares a strict Content-Security-Policy', () => {
      const csp = snapshot.windows[0]?.csp;
      assert.ok(csp, 'index.html has a CSP meta tag');
      const rules = directives(csp);
      assert.deepEqual(rules.get('default-src'), ["'none'"]);
      assert.deepEqual(rules.get('script-src'), ["'self'"], 'only our own bundle runs: no inline, no eval, nothing remote');
      assert.deepEqual(rules.get('object-src'), ["'none'"]);
      assert.deepEqual(rules.get('connect-src'), ["'self'"], 'the page talks to nothing on the network');
      assert.ok(rules.get('img-src')?.includes('atelier-media:'), 'library images load through the media scheme');
    });

    await t.check('every channel is registered before the preload runs; it exposes only invoke and on', async () => {
      const preload = snapshot.windows[0]?.preload;
      assert.ok(preload, 'the preload ran');
      assert.equal(preload.error, undefined);
      assert.deepEqual(channelNames.filter((channel) => !preload.channelsReady.includes(channel)), [], 'channels missing when the preload ran');
      assert.deepEqual(preload.exposed, ['atelier']);
      assert.deepEqual(await app.call('exposedKeys'), ['invoke', 'on']);
    });

    await t.check('every channel answers through the bridge; unknown ones and other frames are refused', async () => {
      for (const channel of channelNames) {
        const answer = await app.invoke(channel, undefined);
        assert.equal(typeof answer.ok, 'boolean', `${channel} answered ${JSON.stringify(answer)}`);
      }
      const unknown = await app.invoke('fs:read', { path: '/etc/passwd' });
      assert.equal(unknown.ok ? 'ok' : unknown.error.code, 'unknown_channel');
      const fromFrame = await app.call<{ resolved: { ok: boolean; error?: { code: string } } }>('invokeFromSubframe', 'app:info', undefined);
      assert.equal(fromFrame.resolved.ok, false);
      assert.equal(fromFrame.resolved.error?.code, 'invalid_input');
      const info = await app.ask<{ shell: string; dataDir: string; provider: { kind: string } }>('app:info');
      assert.deepEqual([info.shell, info.dataDir, info.provider.kind], ['electron', t.dataDir, 'sandbox']);
    });

    await t.check('navigation and new windows are refused; web links go to the browser', async () => {
      // the walk over every channel above pressed "Open library folder" too: only what opens from here on counts
      const before = (await app.snapshot()).opened.length;
      assert.equal(await app.call('requestNewWindow', 'https://example.com/help'), 'deny');
      assert.equal(await app.call('requestNewWindow', 'file:///etc/passwd'), 'deny');
      assert.equal(await app.call('requestNavigation', 'https://example.com/elsewhere'), true);
      const opened = (await app.snapshot()).opened.slice(before);
      assert.deepEqual(opened, [
        { how: 'openExternal', target: 'https://example.com/help' },
        { how: 'openExternal', target: 'https://example.com/elsewhere' },
      ]);
    });

    await t.check('the media scheme serves a library image and refuses everything else', async () => {
      type Fetched = { status: number; type: string | null; body: Uint8Array } | { error: string };
      const fetch = (url: string) => app.call<Fetched>('fetch', url);
      const served = await fetch('atelier-media://library/images/probe.png');
      assert.ok('status' in served && served.status === 200, JSON.stringify(served));
      assert.equal(served.type, 'image/png');
      assert.deepEqual(Buffer.from(served.body), readFileSync(image));
      for (const url of [
        'atelier-media://library/images%2F..%2F..%2Fsecret.png',
        'atelier-media://library/images/..%2F..%2Fsecret.png',
        'atelier-media://library/images/leak.png',
        'atelier-media://library/library.sqlite',
        'atelier-media://elsewhere/images/probe.png',
      ]) {
        const refused = await fetch(url);
        assert.ok('status' in refused && [403, 404].includes(refused.status), `${url}: ${JSON.stringify(refused)}`);
        assert.ok(!refused.type?.startsWith('image/'), `${url} must not answer with an image`);
      }
    });

    await t.check("Chromium's own files stay out of the library folder, in a folder of their own beside the default library", () => {
      const chromium = ['Cache', 'Code Cache', 'GPUCache', 'Local Storage', 'Session Storage', 'Dictionaries', 'Preferences'];
      assert.deepEqual(chromium.filter((name) => existsSync(path.join(t.dataDir, name))), [], `sessionData is ${snapshot.paths.sessionData}`);
      assert.equal(snapshot.paths.userData, t.dataDir, 'the library is still where it was asked to be');
      const appData = path.join(t.dir, 'machine', 'home', '.config');
      assert.equal(path.dirname(path.dirname(snapshot.paths.sessionData)), appData);
      assert.match(path.basename(path.dirname(snapshot.paths.sessionData)), /^Atelier Chromium$/);
      assert.match(path.basename(snapshot.paths.sessionData), /^library-[0-9a-f]{12}$/);
      assert.ok(existsSync(path.join(snapshot.paths.sessionData, 'Local Storage')));
      assert.ok(snapshot.timeline.indexOf('app.setPath sessionData') < snapshot.timeline.indexOf('ready'), 'set before ready, as Electron requires');
    });

    await t.check('the menu carries the app commands to the page', async () => {
      const menu = (await app.snapshot()).menu as { label: string }[];
      for (const label of ['File', 'Edit', 'View', 'Window', 'Help']) assert.ok(menu.some((item) => item.label.replace('&', '') === label), `menu ${label}`);
      const since = app.notes.length;
      await app.call('clickMenu', 'focus-search');
      assert.deepEqual(await app.waitForPush('app:command', () => true, 10_000, since), { command: 'focus-search' });
      // issue 13: Export… in the app menu opens the studio's Export dialog
      const beforeExport = app.notes.length;
      await app.call('clickMenu', 'export');
      assert.deepEqual(await app.waitForPush('app:command', () => true, 10_000, beforeExport), { command: 'export' });
      const beforeImport = app.notes.length;
      await app.call('clickMenu', 'import');
      assert.deepEqual(await app.waitForPush('app:command', () => true, 10_000, beforeImport), { command: 'import' });
    });

    await t.check('with nothing on its way, quit closes without asking and frees the library', async () => {
      await app.call('app', 'quit');
      const exit = await app.waitForExit();
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.equal(app.notes.filter((note) => note.type === 'message-box').length, 0);
      assert.throws(() => lstatSync(path.join(t.dataDir, 'SingletonLock')), 'the single-instance lock is released');
    });

    await t.check("with the default library inside the app-data folder, Chromium's files go to a sibling folder", async () => {
      const home = path.join(t.dir, 'machine', 'home');
      const appData = path.join(home, '.config');
      // No ATELIER_DATA_DIR: the library is Atelier's default, <appData>/Atelier.
      const fresh = t.launch({ env: { ATELIER_DATA_DIR: '', HOME: home, XDG_CONFIG_HOME: appData } });
      await fresh.loaded();
      const library = path.join(appData, 'Atelier');
      assert.equal((await fresh.ask<{ dataDir: string }>('app:info')).dataDir, library);
      const { paths } = await fresh.snapshot();
      assert.equal(path.dirname(path.dirname(paths.sessionData)), appData, 'a sibling of the library');
      assert.ok(!paths.sessionData.startsWith(`${library}${path.sep}`), `sessionData ${paths.sessionData} is inside the library`);
      assert.deepEqual(['Cache', 'Local Storage', 'Preferences'].filter((name) => existsSync(path.join(library, name))), []);
      await fresh.call('app', 'quit');
      assert.deepEqual(await fresh.waitForExit(), { code: 0, signal: null });
    });
  },
};
