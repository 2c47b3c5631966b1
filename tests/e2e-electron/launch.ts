/**
 * The Electron end-to-end fixture: `test` gives each spec a library folder (`libraryDir`) and
 * `launch`, which starts the built desktop app (out/) on it; every app started is closed and the
 * folder removed after the test, whatever happened. Without an Electron binary every spec skips,
 * saying why.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test as base, _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../scripts/lib/electron-binary.ts';
import { tempDir } from '../support/temp-dir.ts';

const binary = findElectronBinary();
const root = path.resolve(import.meta.dirname, '../..');

// Chromium refuses to start its sandbox as root (CI containers); a developer's machine never needs this.
const chromiumFlags = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];

/** The app's environment: its own library folder and the built-in Sandbox (no key, default API address). */
function appEnv(dataDir: string): Record<string, string> {
  const inherited = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('ATELIER_') && entry[0] !== 'ELECTRON_RUN_AS_NODE',
  );
  return { ...Object.fromEntries(inherited), ATELIER_DATA_DIR: dataDir, ATELIER_API_KEY: '' };
}

export interface RunningApp {
  app: ElectronApplication;
  window: Page;
}

interface DesktopFixtures {
  /** Skips every test, saying why, where no Electron binary exists (runs first: automatic). */
  needsElectron: void;
  /** This test's library folder, removed after it. */
  libraryDir: string;
  /** Starts the app on the test's library folder and waits for the studio's ready marker; closed after the test if still open. */
  launch(): Promise<RunningApp>;
  /** Runs the app a second time as a plain process (Playwright cannot attach to one that exits at once); resolves with its exit code. */
  launchSecondInstance(): Promise<number | null>;
}

export const test = base.extend<DesktopFixtures>({
  needsElectron: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use, testInfo) => {
      testInfo.skip(!binary.found, `Electron end-to-end skipped: ${binary.found ? '' : binary.reason}`);
      await use();
    },
    { auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  libraryDir: async ({}, use) => {
    const dir = tempDir('atelier-electron-');
    await use(dir.path);
    dir.remove();
  },
  launch: async ({ libraryDir }, use) => {
    const open = new Set<ElectronApplication>();
    await use(async () => {
      if (!binary.found) throw new Error(binary.reason);
      const app = await electron.launch({ executablePath: binary.path, args: [...chromiumFlags, root], env: appEnv(libraryDir), timeout: 60_000 });
      open.add(app);
      app.once('close', () => open.delete(app));
      const window = await app.firstWindow();
      await expect(window.locator('.app[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
      return { app, window };
    });
    for (const app of [...open].reverse()) await app.close();
  },
  launchSecondInstance: async ({ libraryDir }, use) => {
    const children: ReturnType<typeof spawn>[] = [];
    await use(() => {
      if (!binary.found) throw new Error(binary.reason);
      const child = spawn(binary.path, [...chromiumFlags, root], { env: appEnv(libraryDir), stdio: 'ignore' });
      children.push(child);
      return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    });
    // a second launch that never exits is what the test's own time limit catches; here it is only stopped
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
  },
});

export { expect };
