import { describe, expect, it } from 'vitest';
import { sharpPackagesFor, sharpRefusal } from '../../scripts/lib/sharp-binaries.ts';

// sharp's optionalDependencies, as its package.json lists them (a subset).
const SHARP = {
  '@img/sharp-darwin-arm64': '0.35.5',
  '@img/sharp-darwin-x64': '0.35.5',
  '@img/sharp-libvips-darwin-arm64': '1.3.4',
  '@img/sharp-libvips-darwin-x64': '1.3.4',
  '@img/sharp-linux-x64': '0.35.5',
  '@img/sharp-libvips-linux-x64': '1.3.4',
  '@img/sharp-win32-x64': '0.35.5',
};
const appleSilicon = { platform: 'darwin', arch: 'arm64' };
const installedOn = (versions: Record<string, string>) => (name: string) => versions[name];
const armOnly = installedOn({ '@img/sharp-darwin-arm64': '0.35.5', '@img/sharp-libvips-darwin-arm64': '1.3.4' });

describe("sharp's native part for an installer", () => {
  it('names the binary and libvips a target needs, both for a universal mac app, no libvips package on Windows', () => {
    expect(sharpPackagesFor({ platform: 'darwin', arch: 'x64' }, SHARP)).toEqual([
      { name: '@img/sharp-darwin-x64', version: '0.35.5' },
      { name: '@img/sharp-libvips-darwin-x64', version: '1.3.4' },
    ]);
    expect(sharpPackagesFor({ platform: 'darwin', arch: 'universal' }, SHARP).map(({ name }) => name)).toEqual([
      '@img/sharp-darwin-x64',
      '@img/sharp-libvips-darwin-x64',
      '@img/sharp-darwin-arm64',
      '@img/sharp-libvips-darwin-arm64',
    ]);
    expect(sharpPackagesFor({ platform: 'win32', arch: 'x64' }, SHARP)).toEqual([{ name: '@img/sharp-win32-x64', version: '0.35.5' }]);
  });

  it('refuses an Intel dmg on Apple silicon, saying why and what to do', () => {
    const refusal = sharpRefusal({ platform: 'darwin', arch: 'x64' }, SHARP, armOnly, appleSilicon);
    expect(refusal).toMatch(/^Not building the macOS x64 app: sharp's native part for it is not installed here/);
    expect(refusal).toContain('@img/sharp-darwin-x64@0.35.5: not installed; @img/sharp-libvips-darwin-x64@1.3.4: not installed');
    expect(refusal).toMatch(/would install and then fail to start/);
    expect(refusal).toContain("build only this machine's architecture: npm run dist -- --mac --arm64");
  });

  it("lets this machine's own architecture through, and refuses a universal app without both", () => {
    expect(sharpRefusal(appleSilicon, SHARP, armOnly, appleSilicon)).toBeNull();
    expect(sharpRefusal({ platform: 'darwin', arch: 'universal' }, SHARP, armOnly, appleSilicon)).toMatch(/macOS universal/);
  });

  it('refuses a binary of another version than sharp expects', () => {
    const stale = installedOn({ '@img/sharp-darwin-arm64': '0.34.1', '@img/sharp-libvips-darwin-arm64': '1.3.4' });
    expect(sharpRefusal(appleSilicon, SHARP, stale, appleSilicon)).toContain('@img/sharp-darwin-arm64@0.35.5: 0.34.1 installed');
  });

  it('refuses a target sharp publishes no binary for; from another platform it offers no local build', () => {
    const refusal = sharpRefusal({ platform: 'win32', arch: 'arm64' }, SHARP, installedOn({}), { platform: 'linux', arch: 'x64' });
    expect(refusal).toContain('@img/sharp-win32-arm64@none published: not installed');
    expect(refusal).not.toContain('npm run dist');
  });
});
