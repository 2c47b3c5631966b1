import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startCore, type Core, type CoreOptions } from '../../electron/core/app.ts';
import type { Sandbox } from '../../electron/core/sandbox/index.ts';
import { startPreviewHost, type PreviewHost } from '../../electron/preview/host.ts';
import { startHostProcess, type HostProcess } from './host-process.ts';
import { sandboxClock, type SandboxClock } from '../support/sandbox-clock.ts';
import { tempDir } from '../support/temp-dir.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** How long the studio's Sandbox keeps a task waiting, then generating (a test holding `clock` advances by these). */
export const sandboxTimes = { waitingMs: 500, generatingMs: 900 };

/** A quick Sandbox and quick polling, so a run goes through every state in about a second. */
const fast: Partial<CoreOptions> = {
  sandbox: sandboxTimes,
  timing: { baseMs: 150 },
  downloadRetry: { attempts: 2, baseDelayMs: 50 },
};

export interface Studio {
  dataDir: string;
  /** The built-in Sandbox's clock: real pace until a test holds it to watch a passing state without racing. */
  clock: SandboxClock;
  /** The built-in Sandbox the core talks to (undefined after a restart with an API key). */
  readonly sandbox: Sandbox | undefined;
  host: PreviewHost;
  core: Core;
  /** Stops the host and core, then starts them again on the same library (a restart). */
  restart(options?: Partial<CoreOptions>): Promise<void>;
}

/**
 * Each test gets its own library folder and its own preview host over the real core,
 * and a page opened on it that has signalled it is ready (no sleeps).
 */
/** Fills the library folder before the core first opens it (e.g. a large synthetic library). */
export interface LibrarySeed {
  // An object, not a bare function: Playwright would take a function for a fixture of its own.
  fill(dataDir: string): void;
}

/** Preview hosts a test runs as programs of their own, to kill them as a crash would (tests/e2e/host-process.ts). */
export interface HostProcesses {
  start(dataDir: string): Promise<HostProcess>;
  /** Kills every host started and still running (a test does it before removing their library). */
  killAll(): Promise<void>;
}

export const test = base.extend<{ studio: Studio; seedLibrary: LibrarySeed | undefined; hostProcesses: HostProcesses }>({
  seedLibrary: [undefined, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  hostProcesses: async ({}, use) => {
    const started: HostProcess[] = [];
    const killAll = async () => {
      for (const host of started) await host.kill();
    };
    await use({
      async start(dataDir) {
        const host = await startHostProcess(dataDir);
        started.push(host);
        return host;
      },
      killAll,
    });
    // teardown runs even when the test ran out of time: no host outlives its test
    await killAll();
  },
  studio: async ({ page, seedLibrary }, use) => {
    await prepareStudioPage(page);
    const dir = tempDir('atelier-e2e-');
    const clock = sandboxClock();
    const boot = async (extra: Partial<CoreOptions> = {}) => {
      const core = await startCore({ dataDir: dir.path, version: '0.0.0-test', shell: 'preview', ...fast, sandbox: { ...fast.sandbox, now: clock.now }, ...extra });
      const host = await startPreviewHost({ core, rendererDir: path.join(root, 'out', 'renderer') });
      return { core, host };
    };
    seedLibrary?.fill(dir.path);
    let running = await boot();
    const studio: Studio = {
      dataDir: dir.path,
      clock,
      get host() {
        return running.host;
      },
      get core() {
        return running.core;
      },
      get sandbox() {
        return running.core.provider.sandbox;
      },
      async restart(options) {
        await running.host.close();
        await running.core.close();
        running = await boot(options);
        await openStudio(page, running.host.url);
      },
    };
    await openStudio(page, running.host.url);
    await use(studio);
    await running.host.close();
    await running.core.close();
    dir.remove();
  },
});

/**
 * The artist's "Keep notices until closed" (Settings > Notices; renderer/src/stores/toast-store.ts),
 * on in every end-to-end test: a toast cannot go on its timer before a test on a loaded machine has
 * read it. notices.spec.ts checks the switch shows it on, so this key cannot drift from the app's.
 */
export const NOTICES_PREF = { key: 'atelier.notices', value: JSON.stringify({ untilClosed: true }) };

/** Runs in the page before its scripts: sets the preference unless a test has set it itself (then a reload keeps the test's). */
function keepNoticesUntilClosed(pref: { key: string; value: string }): void {
  if (localStorage.getItem(pref.key) === null) localStorage.setItem(pref.key, pref.value);
}

/**
 * What every studio page gets before it first opens (the `studio` fixture does it; a test running
 * its own host calls it): page exceptions shown, and notices kept until closed.
 */
export async function prepareStudioPage(page: Page): Promise<void> {
  // An exception in the page is a bug even when the test's assertions would pass: show it.
  page.on('pageerror', (error) => console.error('[page error]', error));
  await page.addInitScript(keepNoticesUntilClosed, NOTICES_PREF);
}

/** Opens the studio at a host's address and waits until the page has signalled it is ready (no sleeps). */
export async function openStudio(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
}

export { expect };
