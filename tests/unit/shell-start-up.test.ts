import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { argsWithDataDir, readLaunchConfig } from '../../electron/core/config.ts';
import { Failure } from '../../electron/core/failure.ts';
import { chromiumDataDir } from '../../electron/core/desktop/chromium-data.ts';
import { CORE_V8_FLAGS } from '../../electron/core/desktop/core-v8-flags.ts';
import { rendererSwitches } from '../../electron/core/desktop/renderer-switches.ts';
import { appArmorCommands, unsandboxedAppImageNotice } from '../../electron/core/desktop/sandbox-check.ts';
import { LIBRARY_CHOICES, libraryProblemNotice, startUpFailureNotice } from '../../electron/core/desktop/start-up-failure.ts';

const fsError = (code: string, at: string) => Object.assign(new Error(`${code}: failed, mkdir '${at}'`), { code, path: at, syscall: 'mkdir' });

describe("Chromium's folder for a library", () => {
  const appData = path.join(path.sep, 'home', 'ana', '.config');
  const defaultLibrary = path.join(appData, 'Atelier');

  it('is a sibling of the default library, never inside it', () => {
    const dir = chromiumDataDir(appData, 'Atelier', defaultLibrary);
    expect(path.dirname(path.dirname(dir))).toBe(appData);
    expect(path.basename(path.dirname(dir))).toBe('Atelier Chromium');
    expect(dir.startsWith(`${defaultLibrary}${path.sep}`)).toBe(false);
  });

  it('differs per library, so two libraries open at once share no cache, and is stable for one', () => {
    const a = chromiumDataDir(appData, 'Atelier', '/srv/art/one');
    const b = chromiumDataDir(appData, 'Atelier', '/srv/other/one');
    expect(a).not.toBe(b);
    expect(chromiumDataDir(appData, 'Atelier', '/srv/art/one/')).toBe(a);
    expect(path.basename(a)).toMatch(/^one-[0-9a-f]{12}$/);
  });

  it('names the folder readably even for odd library names', () => {
    expect(path.basename(chromiumDataDir(appData, 'Atelier', '/x/My Art ✦ 2026'))).toMatch(/^My-Art-2026-[0-9a-f]{12}$/);
    expect(path.basename(chromiumDataDir(appData, 'Atelier', '/x/..hidden'))).toMatch(/^hidden-[0-9a-f]{12}$/);
  });
});

describe('start-up failure words', () => {
  const logs = '/lib/logs';

  it('names the folder a file is in the way of, and what to do', () => {
    const notice = startUpFailureNotice(fsError('EEXIST', logs), logs);
    expect(notice.title).toBe('Atelier could not start');
    expect(notice.message).toBe(`Atelier could not create the folder ${logs}: a file is in the way.`);
    expect(notice.detail).toMatch(/Move or rename that file/);
    expect(startUpFailureNotice(fsError('ENOTDIR', logs), logs).message).toMatch(/a file is in the way/);
  });

  it('tells permission, read-only and full-disk problems apart', () => {
    expect(startUpFailureNotice(fsError('EACCES', logs), logs).message).toBe(`Atelier is not allowed to write to ${logs}.`);
    expect(startUpFailureNotice(fsError('EROFS', logs), logs).message).toMatch(/read-only/);
    expect(startUpFailureNotice(fsError('ENOSPC', logs), logs).message).toMatch(/disk that holds the library is full/);
  });

  it('anything else is told as it is, with the logs folder for the details when there is a log', () => {
    const notice = startUpFailureNotice(new TypeError('menu is undefined'), logs);
    expect(notice.message).toBe('Something went wrong while starting: menu is undefined');
    expect(notice.detail).toContain(`the details are in the logs folder: ${logs}`);
    const early = startUpFailureNotice(new Error('ATELIER_PORT must be a port number'));
    expect(early.detail).not.toMatch(/logs/);
    expect(startUpFailureNotice('a string', logs).message).toMatch(/a string$/);
  });

  it("a library problem keeps the core's words; a bug points at the log", () => {
    const newer = new Failure('library_error', 'This library was made by a newer version of Atelier; update Atelier to open it.');
    const told = libraryProblemNotice(newer, '/lib', '/lib/logs/atelier.log');
    expect(told.message).toBe(newer.message);
    expect(told.detail).toContain('Library folder: /lib');
    expect(libraryProblemNotice(new TypeError('x is undefined'), '/lib', '/lib/logs/atelier.log').message).toBe(
      'Something went wrong while opening the library. The details are in the log: /lib/logs/atelier.log',
    );
    expect(LIBRARY_CHOICES).toEqual(['Choose another library…', 'Open library folder', 'Quit']);
  });
});

describe('relaunching on another library', () => {
  it('replaces any --data-dir, in either form, and keeps the other arguments', () => {
    expect(argsWithDataDir(['.', '--data-dir', '/old', '--inspect'], '/new lib')).toEqual(['.', '--inspect', '--data-dir=/new lib']);
    expect(argsWithDataDir(['--data-dir=/old', '--data-dir=/older'], '/new')).toEqual(['--data-dir=/new']);
    expect(argsWithDataDir([], 'relative')).toEqual([`--data-dir=${path.resolve('relative')}`]);
  });

  it('is read back as the library', () => {
    const args = argsWithDataDir(['/app', '--data-dir', '/old'], '/chosen library');
    expect(readLaunchConfig({ ATELIER_DATA_DIR: '/from-env' }, ['/usr/bin/electron', ...args]).dataDir).toBe('/chosen library');
  });
});

describe('the AppImage without its sandbox', () => {
  const appImage = '/home/ana/Applications/Atelier-0.1.0-x86_64.AppImage';

  it('is refused only for an AppImage on Linux started with --no-sandbox', () => {
    expect(unsandboxedAppImageNotice('linux', appImage, false)).toBeNull();
    expect(unsandboxedAppImageNotice('linux', undefined, true)).toBeNull();
    expect(unsandboxedAppImageNotice('darwin', appImage, true)).toBeNull();
    const notice = unsandboxedAppImageNotice('linux', appImage, true);
    expect(notice?.message).toMatch(/does not run without it/);
    expect(notice?.detail).toMatch(/\.deb package/);
    expect(notice?.detail).toContain(appImage);
    expect(notice?.commands).toBe(appArmorCommands(appImage));
  });

  it('offers an AppArmor profile that names this file and allows user namespaces', () => {
    const commands = appArmorCommands(appImage);
    expect(commands).toContain(`profile atelier-appimage "${appImage}" flags=(unconfined) {\n  userns,\n}`);
    expect(commands.split('\n')[0]).toBe("sudo tee /etc/apparmor.d/atelier-appimage > /dev/null << 'EOF'");
    expect(commands.split('\n').at(-1)).toBe('sudo apparmor_parser -r /etc/apparmor.d/atelier-appimage');
  });

  it('offers no commands for a path a profile cannot quote, only the .deb', () => {
    const notice = unsandboxedAppImageNotice('linux', '/home/ana/odd"name.AppImage', true);
    expect(notice?.commands).toBe('');
    expect(notice?.detail).not.toMatch(/Copy Commands/);
  });
});

describe("the window's renderer switches", () => {
  it('collect garbage on the window’s own thread on two cores or fewer, and leave V8 alone on more', () => {
    expect(rendererSwitches(1)).toEqual([['js-flags', '--single-threaded-gc']]);
    expect(rendererSwitches(2)).toEqual([['js-flags', '--single-threaded-gc']]);
    expect(rendererSwitches(3)).toEqual([]);
    expect(rendererSwitches(16)).toEqual([]);
  });

  it("take the launcher's core flags out of the js-flags the renderers inherit, add the window's, keep the artist's", () => {
    const core = CORE_V8_FLAGS.join(' ');
    expect(rendererSwitches(2, core)).toEqual([['js-flags', '--single-threaded-gc']]);
    expect(rendererSwitches(16, core)).toEqual([['js-flags', '']]);
    expect(rendererSwitches(2, `${core} --expose-gc`)).toEqual([['js-flags', '--expose-gc --single-threaded-gc']]);
    expect(rendererSwitches(2, '--expose-gc')).toEqual([['js-flags', '--expose-gc --single-threaded-gc']]);
    expect(rendererSwitches(2, '--single-threaded-gc')).toEqual([]);
    expect(rendererSwitches(16, '--expose-gc')).toEqual([]);
  });
});
