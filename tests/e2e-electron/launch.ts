/** Launching the built desktop app for the Electron end-to-end specs. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../scripts/lib/electron-binary.ts';

export const binary = findElectronBinary();
const root = path.resolve(import.meta.dirname, '../..');

// Chromium refuses to start its sandbox as root (CI containers); a developer's machine never needs this.
const chromiumFlags = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];

/** The app's environment: its own library folder and the built-in Sandbox (no key, default API address). */
export function appEnv(dataDir: string): Record<string, string> {
  const inherited = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('ATELIER_') && entry[0] !== 'ELECTRON_RUN_AS_NODE',
  );
  return { ...Object.fromEntries(inherited), ATELIER_DATA_DIR: dataDir, ATELIER_API_KEY: '' };
}

export interface RunningApp {
  app: ElectronApplication;
  window: Page;
}

/** Starts the built app (out/) on a library folder and waits for the studio's ready marker. */
export async function launchAtelier(dataDir: string): Promise<RunningApp> {
  if (!binary.found) throw new Error(binary.reason);
  const app = await electron.launch({ executablePath: binary.path, args: [...chromiumFlags, root], env: appEnv(dataDir), timeout: 60_000 });
  const window = await app.firstWindow();
  await expect(window.locator('.app[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
  return { app, window };
}

/** Runs the app a second time as a plain process (Playwright cannot attach to one that exits at once); resolves with its exit code. */
export function launchSecondInstance(dataDir: string, timeoutMs = 20_000): Promise<number | null> {
  if (!binary.found) throw new Error(binary.reason);
  return new Promise((resolve) => {
    const child = spawn(binary.path, [...chromiumFlags, root], { env: appEnv(dataDir), stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill();
      resolve(null);
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
