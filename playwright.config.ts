import { defineConfig } from '@playwright/test';
import { chromiumPath } from './tests/support/chromium.ts';

/**
 * Two projects: `preview` drives the real UI in real Chromium through the browser
 * preview host; `electron` launches the built desktop app and skips, saying why,
 * where no Electron binary exists.
 */
export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
  },
  projects: [
    {
      name: 'preview',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath(),
          // Root on a closed network: no sandbox, and nothing that phones home.
          args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
        },
      },
    },
    { name: 'electron', testDir: 'tests/e2e-electron' },
  ],
});
