/**
 * Whether an installer may be built for a platform and architecture, judged by sharp's native part.
 * npm installs sharp's prebuilt binary (and its libvips) only for the machine it runs on, so a
 * package built for another architecture (an Intel dmg on Apple silicon) would install and then
 * fail to start. Plain data in, words out: scripts/check-sharp.ts feeds it what is installed.
 */

/** What one build targets: Node's platform name and electron-builder's architecture name. */
export interface BuildTarget {
  platform: string;
  arch: string;
}

const PLATFORM_NAMES: Record<string, string> = { darwin: 'macOS', linux: 'Linux', win32: 'Windows' };
/** electron-builder's command-line flag for each platform. */
const BUILDER_FLAGS: Record<string, string> = { darwin: 'mac', linux: 'linux', win32: 'win' };

/** Node's arch names for electron-builder's (a universal mac app carries both). */
function nodeArchs(arch: string): string[] {
  if (arch === 'universal') return ['x64', 'arm64'];
  if (arch === 'armv7l') return ['arm'];
  return [arch];
}

/**
 * The sharp packages a target needs, with the versions sharp asks for: its prebuilt binary and, where
 * sharp ships it apart, libvips. `sharpOptional` is sharp's own optionalDependencies. A target sharp
 * has no prebuilt binary for needs a package that does not exist, so it is refused too.
 */
export function sharpPackagesFor(target: BuildTarget, sharpOptional: Readonly<Record<string, string>>): { name: string; version: string }[] {
  return nodeArchs(target.arch).flatMap((arch) => {
    const binary = `@img/sharp-${target.platform}-${arch}`;
    const libvips = `@img/sharp-libvips-${target.platform}-${arch}`;
    return [
      { name: binary, version: sharpOptional[binary] ?? 'none published' },
      ...(sharpOptional[libvips] ? [{ name: libvips, version: sharpOptional[libvips] }] : []),
    ];
  });
}

/**
 * Why this target must not be built, or null when sharp's native part for it is installed at the
 * version sharp expects. `installed` gives a package's installed version, or undefined; `host` is
 * this machine (Node's names), whose own build the words offer instead when it is the same platform.
 */
export function sharpRefusal(
  target: BuildTarget,
  sharpOptional: Readonly<Record<string, string>>,
  installed: (name: string) => string | undefined,
  host: { platform: string; arch: string },
): string | null {
  const wrong = sharpPackagesFor(target, sharpOptional).filter(({ name, version }) => installed(name) !== version);
  if (wrong.length === 0) return null;
  const platform = PLATFORM_NAMES[target.platform] ?? target.platform;
  const what = `${platform} ${target.arch}`;
  const found = wrong.map(({ name, version }) => `${name}@${version}: ${installed(name) === undefined ? 'not installed' : `${installed(name)} installed`}`);
  const flag = BUILDER_FLAGS[target.platform] ?? target.platform;
  return [
    `Not building the ${what} app: sharp's native part for it is not installed here (${found.join('; ')}).`,
    "That app would install and then fail to start: npm installs sharp's native part only for the machine it runs on.",
    `Build it on a ${what} machine${host.platform === target.platform ? `, or build only this machine's architecture: npm run dist -- --${flag} --${host.arch}` : ''}.`,
    `sharp's cross-platform install (npm install --os=${target.platform} --cpu=${nodeArchs(target.arch)[0]} sharp) may add it here; running this again tells whether it did.`,
  ].join('\n');
}
