/**
 * Chromium for bench:ui, started as a child of the benchmark, in its session, beside the app's
 * process. Playwright's `launch` starts the browser as the leader of a session of its own, and
 * Linux's scheduler (autogroup) then shares the cores between sessions first: while the page was
 * busy, the core's thread waited 100–240 ms at a time for a core, ready to run (its schedstat). In
 * the desktop app the renderers are Electron's children, one group with its main process; so are
 * they here. Playwright drives it over the DevTools protocol (loopback only).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The switches Playwright's own launch passes that matter to what is measured (no throttling of a page, no extras). */
const SWITCHES = [
  '--headless',
  '--remote-debugging-port=0',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--no-default-browser-check',
  '--no-first-run',
  '--password-store=basic',
  '--force-color-profile=srgb',
];

export async function chromiumBeside(executablePath: string, extraArgs: readonly string[]): Promise<{ browser: Browser; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-chromium-'));
  // root cannot run Chromium's sandbox (Playwright passes the same switch there)
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const child = spawn(executablePath, [...SWITCHES, ...sandbox, ...extraArgs, `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port within 30 s:\n${said}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(said);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium ended (${code ?? 'signal'}) before it opened its DevTools port:\n${said}`));
    });
  });
  // its later chatter is not ours to print, but the pipe must be read so it never fills
  child.stderr.resume();
  const browser = await chromium.connectOverCDP(endpoint);
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      if (child.exitCode === null) {
        const ended = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await ended;
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
