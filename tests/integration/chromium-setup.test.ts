import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isDebianLike, setUpChromium, type ChromiumSetupOptions } from '../../scripts/lib/chromium-setup.ts';
import { chromiumInstruction, chromiumPath } from '../support/chromium.ts';
import { tempDir } from '../support/temp-dir.ts';

const debian = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const ubuntu = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const fedora = 'NAME="Fedora Linux"\nID=fedora\n';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.remove());

function executable(file: string, text = '#!/bin/sh\nexit 0\n'): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  return file;
}

/**
 * A machine with nothing but what the test puts on its PATH, and an `apt-get` stand-in that
 * logs each call and, when asked to install chromium, puts an executable `chromium` on that PATH.
 * (The real apt-get is the edge: it needs root and the network.)
 */
function machine(aptGetExit = 0) {
  dir = tempDir('atelier-chromium-');
  const bin = path.join(dir.path, 'bin');
  const log = path.join(dir.path, 'apt-get.log');
  executable(
    path.join(bin, 'apt-get'),
    `#!/bin/sh
PATH=/usr/bin:/bin
echo "$*" >> '${log}'
if [ "$1" = install ] && [ ${aptGetExit} -eq 0 ]; then printf '#!/bin/sh\\n' > '${bin}/chromium'; chmod +x '${bin}/chromium'; fi
exit ${aptGetExit}
`,
  );
  const said: string[] = [];
  const options = (extra: Partial<ChromiumSetupOptions>): ChromiumSetupOptions => ({
    env: { PATH: bin },
    fallbacks: [],
    say: (line) => said.push(line),
    ...extra,
  });
  const aptCalls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  return { bin, said, options, aptCalls };
}

describe('finding a Chromium', () => {
  it('takes any of its usual names on PATH, and skips files that cannot run', () => {
    const { bin } = machine();
    writeFileSync(path.join(bin, 'chromium'), 'not executable');
    const chrome = executable(path.join(bin, 'google-chrome'));
    expect(chromiumPath({ PATH: bin }, [])).toBe(chrome);
  });

  it('CHROMIUM_PATH wins, and a wrong one is never swapped for a guess', () => {
    const { bin } = machine();
    executable(path.join(bin, 'chromium'));
    const chosen = executable(path.join(dir.path, 'elsewhere', 'my-chrome'));
    expect(chromiumPath({ PATH: bin, CHROMIUM_PATH: chosen }, [])).toBe(chosen);
    expect(chromiumPath({ PATH: bin, CHROMIUM_PATH: path.join(dir.path, 'missing') }, [])).toBeUndefined();
  });

  it('tells Debian and its derivatives from other systems', () => {
    expect([debian, ubuntu, 'ID=linuxmint\nID_LIKE="ubuntu debian"\n'].map(isDebianLike)).toEqual([true, true, true]);
    expect([fedora, 'ID=alpine\n', undefined].map(isDebianLike)).toEqual([false, false, false]);
  });
});

describe('npm test setting up its Chromium', () => {
  it('uses an installed Chromium without installing anything', async () => {
    const { bin, options, aptCalls, said } = machine();
    const installed = executable(path.join(bin, 'chromium-browser'));
    expect(await setUpChromium(options({ isRoot: true, osRelease: debian }))).toEqual({ path: installed });
    expect(aptCalls()).toEqual([]);
    expect(said).toEqual([]);
  });

  it.each([
    ['Debian', debian],
    ['Ubuntu', ubuntu],
  ])("as root on %s with apt-get, installs Debian's chromium, saying so in one line", async (_name, osRelease) => {
    const { bin, options, aptCalls, said } = machine();
    expect(await setUpChromium(options({ isRoot: true, osRelease }))).toEqual({ path: path.join(bin, 'chromium') });
    expect(aptCalls()).toEqual(['update -qq', 'install -y -qq chromium']);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/installing Debian's chromium/);
  });

  it.each([
    ['not root', { isRoot: false, osRelease: debian }],
    ['not Debian or Ubuntu', { isRoot: true, osRelease: fedora }],
    ['no os-release at all', { isRoot: true, osRelease: undefined }],
  ])('%s: installs nothing and gives the one-line instruction', async (_name, extra) => {
    const { options, aptCalls, said } = machine();
    expect(await setUpChromium(options(extra))).toEqual({ path: undefined, problem: chromiumInstruction });
    expect(chromiumInstruction).not.toContain('\n');
    expect(aptCalls()).toEqual([]);
    expect(said).toEqual([]);
  });

  it('without apt-get: the instruction', async () => {
    const { options, aptCalls } = machine();
    expect(await setUpChromium(options({ isRoot: true, osRelease: debian, env: { PATH: path.join(dir.path, 'empty') } }))).toEqual({
      path: undefined,
      problem: chromiumInstruction,
    });
    expect(aptCalls()).toEqual([]);
  });

  it('when apt-get fails, says so and gives the instruction', async () => {
    const { options, aptCalls } = machine(100);
    const result = await setUpChromium(options({ isRoot: true, osRelease: debian }));
    expect(result.path).toBeUndefined();
    expect(result).toMatchObject({ problem: expect.stringContaining('apt-get could not install chromium') });
    expect(aptCalls()).toEqual(['update -qq']);
  });

  it('a CHROMIUM_PATH that points nowhere is reported, not papered over by an install', async () => {
    const { bin, options, aptCalls } = machine();
    const result = await setUpChromium(options({ isRoot: true, osRelease: debian, env: { PATH: bin, CHROMIUM_PATH: '/nowhere/chrome' } }));
    expect(result).toMatchObject({ path: undefined, problem: expect.stringContaining('CHROMIUM_PATH is /nowhere/chrome') });
    expect(aptCalls()).toEqual([]);
  });
});
