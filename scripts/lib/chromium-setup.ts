/**
 * Gives `npm test` a Chromium for the end-to-end tests without a manual step where that
 * is safe: one already installed is used; on Debian or Ubuntu, running as root with
 * apt-get (a fresh CI machine or container), Debian's `chromium` is installed; anywhere
 * else the reader gets the one-line instruction.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromiumInstruction, chromiumPath, onPath } from '../../tests/support/chromium.ts';

export type ChromiumSetup = { path: string } | { path: undefined; problem: string };

export interface ChromiumSetupOptions {
  env?: NodeJS.ProcessEnv;
  isRoot?: boolean;
  /** The text of /etc/os-release; undefined when the file does not exist. */
  osRelease?: string | undefined;
  /** Where Chromium may be installed outside PATH (see tests/support/chromium.ts). */
  fallbacks?: readonly string[];
  say?: (line: string) => void;
}

function readOsRelease(): string | undefined {
  for (const file of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      // The next candidate, or none: not a Linux that says what it is.
    }
  }
  return undefined;
}

/** Debian, Ubuntu and their derivatives (ID or ID_LIKE in /etc/os-release), where Debian's chromium package applies. */
export function isDebianLike(osRelease: string | undefined): boolean {
  const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm').exec(osRelease ?? '')?.[1]?.split(/\s+/) ?? [];
  return [...field('ID'), ...field('ID_LIKE')].some((id) => id === 'debian' || id === 'ubuntu');
}

/** Runs apt-get quietly (its progress is not the reader's business; its errors are); resolves true on success. */
function aptGet(aptGetPath: string, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(aptGetPath, args, { env: { ...env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

/** Finds a Chromium, installing Debian's when this machine allows it; otherwise says what to do in one line. */
export async function setUpChromium(options: ChromiumSetupOptions = {}): Promise<ChromiumSetup> {
  const env = options.env ?? process.env;
  const find = () => chromiumPath(env, options.fallbacks);
  const found = find();
  if (found) return { path: found };
  if (env.CHROMIUM_PATH) {
    return { path: undefined, problem: `CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which is not an executable file: point it at a Chromium or Chrome.` };
  }

  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  const osRelease = 'osRelease' in options ? options.osRelease : readOsRelease();
  const aptGetPath = onPath('apt-get', env);
  if (!isRoot || !isDebianLike(osRelease) || !aptGetPath) return { path: undefined, problem: chromiumInstruction };

  (options.say ?? console.log)("No Chromium found: installing Debian's chromium with apt-get for the end-to-end tests (about half a minute)…");
  const installed = (await aptGet(aptGetPath, ['update', '-qq'], env)) && (await aptGet(aptGetPath, ['install', '-y', '-qq', 'chromium'], env));
  const after = installed ? find() : undefined;
  return after ? { path: after } : { path: undefined, problem: `apt-get could not install chromium (see above). ${chromiumInstruction}` };
}
