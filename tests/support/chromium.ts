import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** What Chromium and Chrome are called on PATH: Debian, Ubuntu, Google's packages. */
const commandNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
/** Where they live when PATH does not say (a trimmed PATH, macOS app bundles). */
const knownFiles = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The one line that tells a reader how to get a Chromium when none is found. */
export const chromiumInstruction =
  'No Chromium found for the end-to-end tests: install one (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome executable.';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** An executable called `name` in one of PATH's folders, as a shell would find it. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const folders = (env.PATH ?? '').split(path.delimiter).filter((folder) => folder !== '');
  return folders.map((folder) => path.join(folder, name)).find(isExecutable);
}

/**
 * The Chromium the end-to-end tests drive: CHROMIUM_PATH when set (and only it), else the
 * first Chromium or Chrome installed; undefined when there is none.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env, fallbacks: readonly string[] = knownFiles): string | undefined {
  const chosen = env.CHROMIUM_PATH;
  if (chosen) return isExecutable(chosen) ? chosen : undefined;
  for (const name of commandNames) {
    const found = onPath(name, env);
    if (found) return found;
  }
  return fallbacks.find(isExecutable);
}
